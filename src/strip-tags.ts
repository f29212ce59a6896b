/**
 * Tag stripping for the few places that read HTML without a parser (feed
 * teasers, the language model's training pages). Scanners with indexOf rather
 * than `<[^>]*>` and `<script\b[\s\S]*?<\/script>` regexes: on a page of many
 * unclosed `<` those rescan the rest of the page from each one.
 */

/**
 * `html` with each tag replaced by `by`: what `html.replace(/<[^>]*>/g, by)`
 * gives, or `/<[^>]+>/g` with `nonEmpty` (then `<>` is left as text).
 *
 * @example
 * replaceTags('<p>a<br>b</p>', ' ') // ' a b '
 */
export function replaceTags(html: string, by: string, nonEmpty = false): string {
  let out = '';
  let from = 0;
  let open = html.indexOf('<');
  while (open >= 0) {
    const close = html.indexOf('>', open + 1);
    // No `>` after this `<`: none after any later `<` either.
    if (close < 0) break;
    if (nonEmpty && close === open + 1) {
      open = html.indexOf('<', open + 1);
      continue;
    }
    out += html.slice(from, open) + by;
    from = close + 1;
    open = html.indexOf('<', from);
  }
  return out + html.slice(from);
}

/**
 * `html` with each `<script …>…</script>` and `<style …>…</style>` element
 * replaced by `by`: what `html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, by)`
 * gives. An element left unclosed stays (its tags go with replaceTags).
 *
 * @example
 * replaceScriptAndStyle('a<script>x()</script>b<STYLE>p{}</style>c', ' ') // 'a b c'
 */
export function replaceScriptAndStyle(html: string, by: string): string {
  const open = /<(script|style)\b/gi;
  const closers = { script: /<\/script>/gi, style: /<\/style>/gi };
  // Once a close tag is missing after some point it is missing after every later one: look once.
  const unclosed = { script: false, style: false };
  let out = '';
  let from = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const name = m[1]!.toLowerCase() as 'script' | 'style';
    if (unclosed[name]) continue;
    const closer = closers[name];
    closer.lastIndex = m.index + m[0].length;
    const c = closer.exec(html);
    if (!c) {
      unclosed[name] = true;
      continue;
    }
    out += html.slice(from, m.index) + by;
    from = c.index + c[0].length;
    open.lastIndex = from;
  }
  return out + html.slice(from);
}
