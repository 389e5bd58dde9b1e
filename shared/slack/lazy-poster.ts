import type { SlackPoster } from '../ports/slack-poster.js';

/**
 * A poster whose real one is built on first use, so a Lambda starts without waiting for its token
 * from Secrets Manager, and (with a dynamic import in the factory) without loading the Slack SDK
 * for requests that never post. The token is asked for on every call (its source caches it for a
 * few minutes), and a changed token builds a new poster, so a rotated token is used without a new
 * container. A failed build is retried on the next call.
 */
export function createLazyPoster(
  token: () => Promise<string>,
  build: (token: string) => Promise<SlackPoster>,
): SlackPoster {
  let current: { token: string; poster: Promise<SlackPoster> } | undefined;
  const get = async () => {
    const now = await token();
    if (current?.token !== now) {
      const poster = build(now);
      current = { token: now, poster };
      poster.catch(() => {
        if (current?.poster === poster) current = undefined;
      });
    }
    return current.poster;
  };
  return {
    post: async (message) => (await get()).post(message),
    update: async (message) => (await get()).update(message),
    openModal: async (triggerId, view) => {
      const poster = await get();
      if (!poster.openModal) throw new Error('this Slack poster cannot open modals');
      await poster.openModal(triggerId, view);
    },
  };
}
