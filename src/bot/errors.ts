import { RESTJSONErrorCodes, type Interaction } from 'discord.js';
import { isDiscordError } from '../discord/errors.js';
import type { Logger } from '../logger.js';
import { sendChoices, sendNotice } from './respond.js';

export const POLITE_ERROR =
  'Sorry, something went wrong while answering. Please try again in a moment.';

/** Discord's "Unknown interaction": the 3 s window passed or the token expired. Answering again cannot work. */
const isExpiredInteraction = (error: unknown) =>
  isDiscordError(error, RESTJSONErrorCodes.UnknownInteraction);

/**
 * Discord's "Interaction has already been acknowledged". Every copy of the bot connected with the
 * same token receives each interaction, and the slower one is told this: a deploy that started the
 * new process before stopping the old, a laptop with the production token.
 */
const isAnsweredElsewhere = (error: unknown) =>
  isDiscordError(error, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged);

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
  // A rate limit longer than the interaction's window (see client.ts): an answer now would be
  // limited too, and too late.
  // Recognised by name ("RateLimitError[<route>]"), as the class may come from either copy of the package.
  if (String((error as { name?: unknown })?.name).startsWith('RateLimitError')) {
    const { retryAfter, global, route } = error as {
      retryAfter?: number;
      global?: boolean;
      route?: string;
    };
    logger.warn(
      { interactionId: interaction.id, retryAfterMs: retryAfter, global, route },
      "Discord's rate limit outlasts the interaction: it was not answered",
    );
    return;
  }
  // The member already has an answer, from the other copy: another one would be refused too.
  if (isAnsweredElsewhere(error)) {
    logger.warn(
      { interactionId: interaction.id, err: error },
      'interaction already answered elsewhere; is a second copy of the bot running with this token?',
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
