import { DiscordAPIError, type Interaction } from 'discord.js';
import type { Logger } from '../logger.js';
import { sendChoices, sendNotice } from './respond.js';

export const POLITE_ERROR =
  'Sorry, something went wrong while answering. Please try again in a moment; the moderators have been told.';

/** Discord's "Unknown interaction": the 3 s window passed or the token expired. Answering again cannot work. */
export const UNKNOWN_INTERACTION = 10062;

export function isExpiredInteraction(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === UNKNOWN_INTERACTION;
}

/**
 * The one place a failed interaction is handled: logged, and the member told politely by
 * reply or follow-up as the interaction's state allows. Never throws.
 */
export async function handleInteractionError(
  interaction: Interaction,
  error: unknown,
  logger: Logger,
): Promise<void> {
  if (isExpiredInteraction(error)) {
    logger.warn(
      { interactionId: interaction.id, err: error },
      'interaction expired before it was answered',
    );
    return;
  }
  logger.error({ interactionId: interaction.id, err: error }, 'interaction handler failed');
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await sendChoices(interaction, []);
    } else if (interaction.isRepliable()) {
      await sendNotice(interaction, POLITE_ERROR);
    }
  } catch (secondError) {
    logger.warn(
      { interactionId: interaction.id, err: secondError },
      'could not tell the member about the failure',
    );
  }
}
