const retryable = new Set(['40P01', '40001']); // deadlock detected, serialization failure

/**
 * Runs `work` again when PostgreSQL gave up on it to break a deadlock or a serialization
 * conflict: nothing was written, and a second try almost always goes through. Intake must
 * not turn such a moment into an error for a voter.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= attempts || !code || !retryable.has(code)) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
    }
  }
}
