export type Semaphore = <T>(fn: () => Promise<T>) => Promise<T>;

/** At most `n` calls at once; the rest wait and start in arrival order. A finished call hands its slot on. */
export function semaphore(n: number): Semaphore {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
