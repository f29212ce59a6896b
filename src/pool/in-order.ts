/**
 * Work on several items at once, results taken in the order the items came:
 * what keeps `analyze --jsonl` output and `ingest`'s linking in input order
 * while the threads analyse ahead.
 */

/**
 * Start `start(item)` for up to `window` items ahead, and hand each result to
 * `take` in input order; an item is only read from `items` when there is
 * room. `start` should settle every item (an error record, not a throw):
 * a rejection stops the run once the items before it are taken.
 *
 * @example
 * await inOrder(lines, 4, (line) => analyse(line), (result) => out.write(JSON.stringify(result) + '\n'));
 */
export async function inOrder<T, R>(items: AsyncIterable<T> | Iterable<T>, window: number, start: (item: T) => Promise<R>, take: (result: R, item: T) => void | Promise<void>): Promise<void> {
  const ahead: { item: T; result: Promise<R> }[] = [];
  const takeFirst = async () => {
    const { item, result } = ahead.shift()!;
    await take(await result, item);
  };
  for await (const item of items) {
    const result = start(item);
    // Rejections are reported when the item's turn comes, not as unhandled in between.
    result.catch(() => {});
    ahead.push({ item, result });
    if (ahead.length >= Math.max(1, window)) await takeFirst();
  }
  while (ahead.length) await takeFirst();
}
