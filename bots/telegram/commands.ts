import type { Api, RawApi } from 'grammy';
import { LOCALES, translator } from '../../core/i18n/index.ts';
import type { Logger } from '../../core/logger.ts';

/** The commands Telegram lists in the chat's menu, in the order residents need them most. */
const COMMANDS = [
  'report',
  'my',
  'ask',
  'volunteer',
  'hearings',
  'officials',
  'subscriptions',
  'menu',
  'language',
  'help',
] as const;

/**
 * Tells Telegram our commands with their descriptions, in Russian for everyone and in
 * English for English-speaking users, so the menu button beside the message field lists them.
 * A failure costs only the menu: it is logged and the bot runs on.
 */
export async function publishCommands(api: Api<RawApi>, log: Logger): Promise<void> {
  try {
    for (const locale of LOCALES) {
      const t = translator(locale);
      const commands = COMMANDS.map((command) => ({
        command,
        description: t(`command-${command}`),
      }));
      // Russian is the default for every language we have no texts in.
      const scope = locale === 'ru' ? {} : { language_code: locale };
      await api.setMyCommands(commands, scope);
    }
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'commands not set');
  }
}
