// Progress lines for long local work ("• PostgreSQL … ready (1.3 s)"), written to stderr so
// that stdout keeps only the ready line.
export interface Progress {
  step(message: string): void;
  time<T>(label: string, work: () => Promise<T>): Promise<T>;
}

export function consoleProgress(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Progress {
  return {
    step: (message) => write(`• ${message}`),
    async time(label, work) {
      const started = performance.now();
      const result = await work();
      write(`• ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      return result;
    },
  };
}

export const silentProgress: Progress = { step: () => {}, time: (_label, work) => work() };
