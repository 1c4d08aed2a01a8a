import { currentStory, loadSiteConfig, type SiteConfig, STORIES } from '@captchala/gallery'
import { useEffect, useState } from 'react'
import { StoryPage } from './StoryPage'

/** The gallery: the list of stories, and the story of the URL on a page of its own. */
export function App() {
  const story = currentStory()
  const [config, setConfig] = useState<SiteConfig | Error>()
  useEffect(() => {
    loadSiteConfig().then(setConfig, setConfig)
  }, [])
  return (
    <div className="gallery">
      <nav className="sidebar" aria-label="Stories">
        <h1>CaptchaLa kit</h1>
        <p>React gallery</p>
        <ul>
          {STORIES.map(({ id, title }) => (
            <li key={id}>
              <a href={`#/${id}`} aria-current={id === story.id ? 'page' : undefined}>
                {title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {config instanceof Error ? (
        <main className="story">
          <p className="notice">The reference backend did not answer: {config.message}</p>
        </main>
      ) : (
        config && <StoryPage story={story} config={config} />
      )}
    </div>
  )
}
