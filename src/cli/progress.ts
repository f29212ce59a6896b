/**
 * A one-line progress bar on a terminal's stderr; silent when stderr is not a
 * TTY (CI logs, pipes), where only the final summary is printed.
 */
export interface Progress {
  tick(label: string): void;
  done(): void;
}

export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, total: number): Progress {
  if (!stream.isTTY || total < 2) return { tick() {}, done() {} };
  let n = 0;
  const draw = (label: string) => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 40));
    const filled = Math.round((n / total) * width);
    const text = `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total} ${label}`;
    stream.write(text.slice(0, (stream.columns ?? 80) - 1).padEnd(Math.min((stream.columns ?? 80) - 1, text.length)));
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
