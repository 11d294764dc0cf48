// The step's outputs: the action's own (action.yml) and those the hosts' scripts set in $OPS_OUTPUT.
/** The outputs action.yml declares: a script may not set these names (a unit test keeps the two equal). */
export const DEPLOY_OUTPUT_NAMES = [
  'release-id',
  'previous-release-id',
  'previous-image',
  'previous-images',
  'hosts-succeeded',
  'hosts-failed',
  'report',
  'services',
  'compose-command',
  'github-deployment-id',
  'deployment-id',
] as const;

export interface MergedScriptOutputs {
  /** Each name's value from the first host, in the order of `hosts`, whose scripts set it. */
  values: Record<string, string>;
  /** Names that hosts set to different values. */
  differing: string[];
}

/** The step outputs of all hosts' scripts as one set of names. Pure. */
export function mergeScriptOutputs(
  hosts: readonly { outputs?: Record<string, string> }[],
): MergedScriptOutputs {
  const values: Record<string, string> = {};
  const differing = new Set<string>();
  for (const h of hosts) {
    for (const [name, value] of Object.entries(h.outputs ?? {})) {
      if (!(name in values)) values[name] = value;
      else if (values[name] !== value) differing.add(name);
    }
  }
  return { values, differing: [...differing] };
}
