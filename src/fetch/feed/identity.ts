/**
 * Which key says "this item was seen before". GUIDs are the feed's own
 * answer, but some publishers regenerate them on every build; links are
 * stable more often; a content hash is the last resort.
 */
import { createHash } from 'node:crypto';

export type IdentityPolicy = 'guid' | 'link' | 'hash';

interface Identifiable {
  guid: string | null;
  link: string | null;
  title: string | null;
  contentHtml: string | null;
  summary: string | null;
}

/**
 * The item's key under a policy, falling back (guid → link → hash) when the
 * item lacks the field the policy names. Keys carry their kind as a prefix.
 *
 * @example
 * itemIdentity({ guid: 'a-1', link: 'https://x/1', title: 't', contentHtml: null, summary: null }, 'link') // 'link:https://x/1'
 */
export function itemIdentity(item: Identifiable, policy: IdentityPolicy): string {
  if (policy === 'guid' && item.guid) return `guid:${item.guid}`;
  if ((policy === 'guid' || policy === 'link') && item.link) return `link:${item.link}`;
  const h = createHash('sha1').update(`${item.title ?? ''}\u0000${item.contentHtml ?? item.summary ?? ''}`).digest('hex');
  return `hash:${h.slice(0, 24)}`;
}

/** What the store remembers of a seen item: enough to re-judge the policy. */
export interface SeenItem {
  guid: string | null;
  link: string | null;
  /** `itemIdentity(item, 'hash')`. */
  hash: string;
}

/**
 * Choose the policy for a feed from what earlier fetches saw: when items
 * whose content we already know come back with GUIDs we have never seen, the
 * GUIDs are unstable; when the links churn too, only the content is left.
 *
 * @example
 * choosePolicy(seenRows, feed.items, 'guid') // 'link' when GUIDs changed but links did not
 */
export function choosePolicy(previous: SeenItem[], current: Identifiable[], currentPolicy: IdentityPolicy = 'guid'): IdentityPolicy {
  if (previous.length === 0 || current.length === 0) return currentPolicy;
  const prevGuids = new Set(previous.map((i) => i.guid).filter(Boolean));
  const prevLinks = new Set(previous.map((i) => i.link).filter(Boolean));
  const prevHashes = new Set(previous.map((i) => i.hash));
  const sameContent = current.filter((i) => prevHashes.has(itemIdentity(i, 'hash')));
  if (sameContent.length < Math.max(2, current.length / 3)) return currentPolicy;
  const guidStable = sameContent.filter((i) => i.guid && prevGuids.has(i.guid)).length;
  const linkStable = sameContent.filter((i) => i.link && prevLinks.has(i.link)).length;
  if (currentPolicy === 'guid' && guidStable < sameContent.length / 2) return linkStable >= sameContent.length / 2 ? 'link' : 'hash';
  if (currentPolicy === 'link' && linkStable < sameContent.length / 2) return 'hash';
  return currentPolicy;
}
