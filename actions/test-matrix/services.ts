import { DEFAULT_SERVICE_IMAGES, type ServiceName, type ServiceNeed } from './component.js';

/**
 * Dependencies that mean "the tests talk to this server". A heuristic: a component that lists
 * one gets a PostgreSQL or Redis service container; the config file's `services:` replaces the
 * guess (`services: []` turns it off), and `detect-services: false` turns guessing off everywhere.
 */
const HINTS: Record<'node' | 'python' | 'go', Record<string, ServiceName>> = {
  node: {
    pg: 'postgres',
    postgres: 'postgres',
    'pg-promise': 'postgres',
    redis: 'redis',
    ioredis: 'redis',
    '@redis/client': 'redis',
    bull: 'redis',
    bullmq: 'redis',
  },
  python: {
    psycopg: 'postgres',
    'psycopg-binary': 'postgres',
    psycopg2: 'postgres',
    'psycopg2-binary': 'postgres',
    asyncpg: 'postgres',
    redis: 'redis',
    'django-redis': 'redis',
    rq: 'redis',
    celery: 'redis',
  },
  go: {
    'github.com/jackc/pgx': 'postgres',
    'github.com/lib/pq': 'postgres',
    'github.com/redis/go-redis': 'redis',
    'github.com/go-redis/redis': 'redis',
    'github.com/gomodule/redigo': 'redis',
  },
};

/**
 * The services the dependencies hint at. `deps` maps a dependency name (normalised as the
 * language does: lower case for Python, module path for Go) to the file that declares it.
 */
export function servicesFromDependencies(
  language: 'node' | 'python' | 'go',
  deps: ReadonlyMap<string, string>,
): Partial<Record<ServiceName, ServiceNeed>> {
  const out: Partial<Record<ServiceName, ServiceNeed>> = {};
  for (const [dep, file] of deps) {
    const service = HINTS[language][language === 'go' ? goModuleRoot(dep) : dep];
    if (service && !out[service]) {
      out[service] = { image: DEFAULT_SERVICE_IMAGES[service], because: `${dep} in ${file}` };
    }
  }
  return out;
}

/** `github.com/jackc/pgx/v5` → `github.com/jackc/pgx`; `github.com/redis/go-redis/v9` likewise. */
function goModuleRoot(module: string): string {
  return module.replace(/\/v\d+$/, '');
}
