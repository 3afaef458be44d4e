import { Agent, type Dispatcher } from 'undici';

let defaultAgent: Agent | undefined;

/** The module-level keep-alive Agent, created on first use (and again after closeDefaultDispatcher). */
export function defaultDispatcher(): Dispatcher {
  defaultAgent ??= new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  return defaultAgent;
}

/** Closes the shared Agent so a process (or a test run) can exit. */
export async function closeDefaultDispatcher(): Promise<void> {
  const a = defaultAgent;
  defaultAgent = undefined;
  await a?.close();
}
