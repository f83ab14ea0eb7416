import { z } from 'zod';

// The Kubernetes name rules, once (k8s.io/apimachinery/pkg/util/validation): every boundary that
// takes a name from a URL, a query string or a form validates it with one of these.

const LABEL = '[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?';

/** DNS-1123 label (IsDNS1123Label), for code that tests a string without zod. */
export const DNS_LABEL_RE = new RegExp(`^${LABEL}$`);

/** DNS-1123 label (IsDNS1123Label): namespaces, Service names, container names, cluster names. */
export const dnsLabelSchema = z
  .string()
  .max(63)
  .regex(DNS_LABEL_RE, 'must be a DNS label (lowercase letters, digits and "-", at most 63)');

/** DNS-1123 subdomain (IsDNS1123Subdomain): most object names (pods, deployments, secrets…). */
export const dnsSubdomainSchema = z
  .string()
  .max(253)
  .regex(new RegExp(`^${LABEL}(\\.${LABEL})*$`), 'must be a DNS subdomain');

/**
 * A path segment name (path.IsValidPathSegmentName): what the API accepts for kinds whose names are
 * not DNS names (RBAC roles such as `system:controller:…`). Not ".", "..", and no "/" or "%".
 */
export const pathSegmentNameSchema = z
  .string()
  .min(1)
  .max(253)
  .refine((s) => s !== '.' && s !== '..' && !/[/%]/.test(s), 'may not be "." or ".." or contain "/" or "%"');

export const namespaceSchema = dnsLabelSchema;
/** Object names in routes: the loosest rule any kind uses; the API server applies the kind's own. */
export const objectNameSchema = pathSegmentNameSchema;
