/**
 * Small, allocation-light helpers over the domhandler tree cheerio builds.
 * The extractor walks the tree directly instead of through cheerio wrappers:
 * it visits every node a few times, and wrappers would dominate the cost.
 */
import type { AnyNode, Element, ParentNode } from 'domhandler';

export type { AnyNode, Element, ParentNode };

/** domhandler marks <script> and <style> with their own node types. */
export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function isText(node: AnyNode): node is AnyNode & { data: string } {
  return node.type === 'text' || node.type === 'cdata';
}

export function attr(el: Element, name: string): string | null {
  const v = el.attribs[name];
  return v === undefined ? null : v;
}

/** Every element below `root` in document order (not `root` itself). */
export function* descendants(root: ParentNode): Generator<Element> {
  const stack: AnyNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** The first descendant element with this tag name, or null. */
export function findTag(root: ParentNode, name: string): Element | null {
  for (const el of descendants(root)) if (el.name === name) return el;
  return null;
}

/** Raw text of a subtree (no block separation), skipping nodes in `skip`. */
export function rawText(node: AnyNode, skip?: ReadonlySet<AnyNode>): string {
  if (isText(node)) return node.data;
  if (!isElement(node) && node.type !== 'root') return '';
  if (skip?.has(node)) return '';
  if (isElement(node) && (node.name === 'script' || node.name === 'style')) return '';
  let out = '';
  for (const child of (node as ParentNode).children) out += rawText(child, skip);
  return out;
}
