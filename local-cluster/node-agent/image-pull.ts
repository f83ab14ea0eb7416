// What kubelet writes while a container's image cannot be pulled: ErrImagePull with the runtime's
// error after each attempt, then ImagePullBackOff with "Back-off pulling image" until the next one
// (https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/kubelet/images/image_manager.go
// EnsureImageExists; the ErrImagePull text is containerd 1.4's for a tag the registry does not have).
import type { WaitingReason } from './timeline';

/** The reference containerd resolves (docker.io/library/ for bare names, :latest when untagged). */
export function imageRef(image: string): string {
  const first = image.split('/')[0] ?? '';
  const hasRegistry = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const named = hasRegistry ? image : `docker.io/${image.includes('/') ? '' : 'library/'}${image}`;
  return /[:@][^/]*$/.test(named.slice(named.lastIndexOf('/'))) ? named : `${named}:latest`;
}

/** kubelet's words while an image cannot be pulled (pkg/kubelet/images/image_manager.go, v1.20). */
export function waitingMessage(reason: WaitingReason, image: string): string | undefined {
  if (reason === 'ImagePullBackOff') return `Back-off pulling image "${image}"`;
  if (reason !== 'ErrImagePull') return undefined;
  const ref = imageRef(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}
