/** What every action works with: the typed client (its only way to the back end) and the stores it updates. */
import { ContractError, type SkillmeatClient } from '../../../shared/contract-client.js';
import type { AppStores } from '../state/app-stores.js';
import { inAppWords } from '../view-model/error-words.js';

export interface ActionContext {
  readonly client: SkillmeatClient;
  readonly stores: AppStores;
}

/** A failure as the UI shows it: the back end's code and message (in the app's words), or the message of anything else thrown. */
export function failureOf(error: unknown): { readonly code: string; readonly message: string } {
  if (error instanceof ContractError) return { code: error.code, message: inAppWords(error.message) };
  if (error instanceof Error) return { code: 'internal', message: inAppWords(error.message) };
  return { code: 'internal', message: inAppWords(String(error)) };
}
