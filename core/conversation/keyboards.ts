import type { Translate } from '../i18n/index.ts';
import type { ReportStep } from './state.ts';
import type { KeyButton } from './types.ts';

/** The main menu. Later services add their rows here, the help row stays last. */
export function mainMenu(t: Translate): KeyButton[][] {
  return [
    [{ label: t('menu-report') }],
    [{ label: t('menu-my-reports') }, { label: t('menu-helpdesk') }],
    [{ label: t('menu-volunteer') }, { label: t('menu-hearings') }],
    [{ label: t('menu-official-reports') }, { label: t('menu-subscriptions') }],
    [{ label: t('menu-help') }],
  ];
}

/** The keyboard under each step of a report: what the step needs, then back and cancel. */
export function reportStepKeyboard(t: Translate, step: ReportStep): KeyButton[][] {
  const backAndCancel =
    step === 'location'
      ? [{ label: t('report-cancel') }]
      : [{ label: t('report-back') }, { label: t('report-cancel') }];

  if (step === 'location') {
    return [[{ label: t('report-share-location'), requestLocation: true }], backAndCancel];
  }
  if (step === 'photos') return [[{ label: t('report-photos-done') }], backAndCancel];
  return [backAndCancel];
}

/** True when a text is a main-menu button's label (VK keeps an old keyboard in view). */
export function isMainMenuLabel(t: Translate, text: string): boolean {
  return mainMenu(t)
    .flat()
    .some((button) => button.label === text.trim());
}

/** True when a typed text is exactly the label of one of our keyboard buttons. */
export function isLabel(t: Translate, text: string, key: string): boolean {
  return text.trim() === t(key);
}
