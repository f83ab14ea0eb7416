'use client';

import { useSyncExternalStore } from 'react';

// False in the server's render and in the browser's hydrating render of it, true after (and in any
// render that is not hydrating): for what only the browser can know, or draws only once the HTML it
// received has been hydrated, without a mismatch between the two renders.

const noSubscription = () => () => {};
const onClient = () => true;
const onServer = () => false;

export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, onClient, onServer);
}
