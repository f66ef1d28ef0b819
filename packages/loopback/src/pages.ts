import type { OAuthError } from '@latch/core';
import type { CallbackRejection } from './callback-rejected-error.js';
import type { PageContent } from './render-page.js';

/**
 * The text of every page the loopback server shows. Pure. Pages for requests that are not this
 * login's answer echo nothing from the request.
 *
 * @internal
 */
export const PAGES = {
  success(appName: string): PageContent {
    return {
      title: 'Signed in',
      message: `You are signed in to ${appName}. You can close this tab and go back to the terminal.`,
    };
  },
  failure(appName: string, error: OAuthError): PageContent {
    return {
      title: 'Sign-in failed',
      message: `The authorization server did not sign you in to ${appName} (${error.error}). Close this tab and go back to the terminal.`,
      detail: error.errorDescription,
    };
  },
  rejected(reason: CallbackRejection): PageContent {
    return {
      title: 'Sign-in response not accepted',
      message:
        reason === 'too_long'
          ? 'This address is too long to be a sign-in response, so it was ignored.'
          : 'This address does not answer the sign-in in progress, so it was ignored. Go back to the terminal and open the link it shows.',
    };
  },
  completed(): PageContent {
    return {
      title: 'Sign-in already finished',
      message: 'This sign-in has already finished. Go back to the terminal.',
    };
  },
  notFound(): PageContent {
    return { title: 'Not found', message: 'There is nothing here.' };
  },
  methodNotAllowed(): PageContent {
    return { title: 'Method not allowed', message: 'This address only answers GET requests.' };
  },
  badRequest(): PageContent {
    return { title: 'Bad request', message: 'This request was not addressed to this server.' };
  },
} as const;
