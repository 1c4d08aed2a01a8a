import { STORIES, type Story, storyById } from './stories'

/** The story of the URL's hash (`#/<story-id>`), the first one when the hash names none. */
export function currentStory(): Story {
  const id = /^#\/([\w-]+)/.exec(location.hash)?.[1]
  return (id && storyById(id)) || STORIES[0]!
}

/** The query after the story id (`#/native-form?result=ok`), where a native form post comes back to. */
export const routeQuery = () => new URLSearchParams(location.hash.split('?')[1] ?? '')

/** The visitor's language the page starts in (`#/blocked?lang=ja`): the widgets' and the results' words. */
export const pageLang = () => routeQuery().get('lang') ?? 'en'

/**
 * Every story starts on a fresh page, as Storybook's iframes do: the panel then shows the whole chain from
 * the script's first request, and one story's widgets and switches never leak into the next.
 */
export function reloadOnStoryChange() {
  addEventListener('hashchange', (event) => {
    const path = (url: string) => new URL(url).hash.split('?')[0]
    if (path(event.oldURL) !== path(event.newURL)) location.reload()
  })
}
