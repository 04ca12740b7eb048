/** A one-line progress bar on stderr; on a non-terminal it prints at most every 10%. */
export function createProgressBar(
  label: string,
  total: number,
): { update: (done: number) => void; finish: () => void } {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  const render = (done: number) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    if (tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%`,
      );
    } else if (Math.floor(ratio * 10) > lastTenth) {
      lastTenth = Math.floor(ratio * 10);
      process.stderr.write(`${label}: ${(ratio * 100).toFixed(0)}%\n`);
    }
  };
  return {
    update: render,
    finish: () => {
      render(total);
      if (tty) process.stderr.write('\n');
    },
  };
}
