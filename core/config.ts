import { z } from 'zod';

/**
 * The service's configuration, read once from the environment (an `.env` file is honoured by
 * the entry points) and validated. This is the only module that reads `process.env`.
 */
const roleList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(['api', 'bots', 'worker'])).min(1, 'name at least one role'));

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const schema = z
  .object({
    DATABASE_URL: z.url().default('postgresql://postgres@127.0.0.1:5432/oneclick'),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/i, 'letters, digits, "_" or "-" only')
      .default('oneclick'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    ROLES: roleList.default(['api', 'bots', 'worker']),
    TELEGRAM_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^\d+:[\w-]+$/, 'expected "<digits>:<secret>"')
        .optional(),
    ),
    TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
    TELEGRAM_WEBHOOK_URL: optionalText.pipe(z.url().optional()),
    TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, '1-256 of A-Z, a-z, 0-9, "_" and "-" (Telegram rule)')
        .optional(),
    ),
    VK_GROUP_TOKEN: optionalText,
    VK_GROUP_ID: optionalText.pipe(z.string().regex(/^\d+$/, 'expected digits').optional()),
    VK_API_BASE_URL: optionalText.pipe(z.url().optional()),
    VK_CALLBACK_SECRET: optionalText,
    VK_CONFIRMATION_CODE: optionalText,
    ADMIN_BOOTSTRAP_TOKEN: optionalText.pipe(
      z.string().min(16, 'use 16 characters or more').optional(),
    ),
    CLASSIFIER_MODEL: optionalText,
    /** Set: GET /metrics needs it as a bearer token; unset: /metrics answers loopback only. */
    METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'use 16 characters or more').optional()),
    DEADLINE_SWEEP_SECONDS: z.coerce.number().int().min(1).default(300),
    REMINDER_LEAD_HOURS: z.coerce.number().min(0).max(720).default(24),
    /** Where report photos are copied; relative to the working directory unless absolute. */
    MEDIA_DIR: optionalText.pipe(z.string().default('storage/media')),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'required when TELEGRAM_WEBHOOK_URL is set',
      });
    }
    if (Boolean(env.VK_CALLBACK_SECRET) !== Boolean(env.VK_CONFIRMATION_CODE)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.VK_CALLBACK_SECRET ? 'VK_CONFIRMATION_CODE' : 'VK_CALLBACK_SECRET'],
        message: 'VK_CALLBACK_SECRET and VK_CONFIRMATION_CODE go together (Callback API mode)',
      });
    }
    if (Boolean(env.VK_GROUP_TOKEN) !== Boolean(env.VK_GROUP_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.VK_GROUP_TOKEN ? 'VK_GROUP_ID' : 'VK_GROUP_TOKEN'],
        message: 'VK_GROUP_TOKEN and VK_GROUP_ID go together',
      });
    }
  });

export type Config = Readonly<z.output<typeof schema>>;
export type Role = Config['ROLES'][number];

/** Raised when the environment holds a missing or malformed value; its message is one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates an environment and returns a frozen configuration, or throws ConfigError. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join('.') || 'environment';
    throw new ConfigError(`Configuration error: ${name}: ${issue?.message ?? 'invalid'}`);
  }
  return Object.freeze({ ...result.data, ROLES: Object.freeze([...result.data.ROLES]) }) as Config;
}

/** Reads the process environment once. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}
