// The step's cancel signal: the runner cancels a job with SIGINT (then SIGTERM). Stages whose waits
// have no other abort signal (test-matrix's git) take this one, so a cancelled step stops waiting.
let controller: AbortController | undefined;

/** Aborted on the first SIGINT or SIGTERM (listening starts on the first call). */
export function stepCancelSignal(): AbortSignal {
  if (!controller) {
    const ac = new AbortController();
    controller = ac;
    const onSignal = (name: string): void => ac.abort(new Error(`the step was cancelled (${name})`));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return controller.signal;
}
