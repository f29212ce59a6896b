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

/** Raw text of a subtree (no block separation), skipping nodes in `skip`. Iterative: pages nest deep. */
export function rawText(node: AnyNode, skip?: ReadonlySet<AnyNode>): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isText(n)) {
      out += n.data;
      continue;
    }
    if (!isElement(n) && n.type !== 'root') continue;
    if (skip?.has(n)) continue;
    if (isElement(n) && (n.name === 'script' || n.name === 'style')) continue;
    const children = (n as ParentNode).children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/**
 * Replace every subtree below `maxDepth` by its text. Real articles nest a
 * few dozen levels; thousands of levels are an attack on recursive code (and
 * make scoring quadratic), and the structure down there carries no meaning.
 */
export function flattenDeep(root: ParentNode, maxDepth: number): void {
  const stack: [AnyNode, number][] = [[root as AnyNode, 0]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    if (!isElement(n) && n.type !== 'root') continue;
    const el = n as ParentNode;
    if (depth >= maxDepth && el.children.length > 0) {
      const text = rawText(n);
      const leaf = { type: 'text', data: text, parent: el, prev: null, next: null } as unknown as AnyNode;
      el.children = [leaf as never];
      continue;
    }
    for (const c of el.children) stack.push([c, depth + 1]);
  }
}
