/**
 * A one-line progress bar on a terminal's stderr, with the rate and the time
 * left; silent when stderr is not a TTY (CI logs, pipes), where only the
 * final summary is printed.
 */
export interface Progress {
  tick(label: string): void;
  done(): void;
}

/**
 * `[#####.....] 12/40 3.1/s ETA 9s  label`
 *
 * @example
 * const bar = progressBar(process.stderr, inputs.length);
 * for (const i of inputs) { await work(i); bar.tick(i); }
 * bar.done();
 */
export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, total: number, now: () => number = () => performance.now()): Progress {
  if (!stream.isTTY || total < 2) return { tick() {}, done() {} };
  let n = 0;
  const started = now();
  const draw = (label: string) => {
    const columns = stream.columns ?? 80;
    const width = Math.max(10, Math.min(30, columns - 60));
    const filled = Math.round((n / total) * width);
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? n / seconds : 0;
    const eta = rate > 0 ? formatDuration((total - n) / rate) : '…';
    const text = `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total} ${formatRate(rate)} ETA ${eta}  ${label}`;
    stream.write(text.slice(0, columns - 1) + '\x1b[K');
  };
  return {
    tick(label) {
      n++;
      draw(label);
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}

/** @example formatRate(0.25) // '15/min' */
export function formatRate(perSecond: number): string {
  if (perSecond <= 0) return '–/s';
  if (perSecond < 1) return `${Math.round(perSecond * 60)}/min`;
  return `${perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond)}/s`;
}

/** @example formatDuration(125) // '2m05s' */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
