/**
 * Path globs for `always-include`, `exclude` and a component's `paths`, matched against a whole
 * POSIX path relative to the repository (or working-directory) root:
 *
 *   `**`      any number of folders (also none): `.github/**`, `**\/*.md`
 *   `*`       any characters except `/`: `docker-compose*.yml`
 *   `?`       one character except `/`
 *   `{a,b}`   either alternative: `{package,pnpm-lock}.*`
 *   `dir/`    a trailing slash means everything below the folder (`dir/**`)
 *
 * Dot files match like any other (`*` matches `.env`), and matching is case-sensitive, as paths in
 * git are. We write the ten lines ourselves rather than import minimatch, which is only present as
 * a transitive dependency.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/^\.\//, '');
  if (pattern.endsWith('/')) pattern += '**';
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0 || pattern[i - 1] === '/';
        const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` matches zero or more whole folders; a final `**` matches everything below.
          if (i + 2 === pattern.length) re += '.*';
          else re += '(?:[^/]+/)*';
          i += 2; // also skip the '/' after '**' (the loop's i++ skips one more)
          if (i >= pattern.length) break;
          continue;
        }
        re += '[^/]*';
        i++;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A matcher for a list of globs: true when any of them matches the path. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const res = globs.filter((g) => g.trim() !== '').map(globToRegExp);
  return (path) => res.some((re) => re.test(path));
}
