import { createTrail } from '@captchala/devtools'
import { CaptchaDevtools } from '@captchala/devtools/react'
import {
  codeSample,
  LANGUAGES,
  needsPreparing,
  pageLang,
  prepareStory,
  type SiteConfig,
  type Story,
} from '@captchala/gallery'
import { useEffect, useState } from 'react'
import { NativeForm } from './NativeForm'
import { StoryForm } from './StoryForm'

/** One story: its page prepared first (a policy of its own, emulator switches), then its forms, the code sample and the live devtools panel. */
export function StoryPage({ story, config }: { story: Story; config: SiteConfig }) {
  // One trail for the page: every form's widget feeds it (their onEvent) and so do the backend's verdicts.
  const [diagnostics] = useState(createTrail)
  const [ready, setReady] = useState<boolean | Error>(!needsPreparing(story))
  const [lang, setLang] = useState(pageLang)
  const Form = story.kind === 'native' ? NativeForm : StoryForm
  useEffect(() => {
    if (!needsPreparing(story)) return
    prepareStory(config, story, diagnostics).then(() => setReady(true), setReady)
  }, [story, config, diagnostics])

  return (
    <main className="story" data-testid="story" data-story={story.id}>
      <header>
        <h2>{story.title}</h2>
        <p>{story.summary}</p>
        <p className="expected">
          <strong>Expected:</strong> {story.expected}
        </p>
      </header>
      <section className="forms">
        {story.kind === 'languages' && (
          <label className="controls">
            Language
            <select data-testid="lang" value={lang} onChange={(e) => setLang(e.target.value)}>
              {LANGUAGES.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
        )}
        {ready instanceof Error ? (
          <p className="notice">{ready.message}</p>
        ) : (
          ready &&
          story.forms.map((form) => (
            <Form
              key={form.action}
              story={story}
              form={form}
              config={config}
              diagnostics={diagnostics}
              lang={lang}
            />
          ))
        )}
        <pre className="code" data-testid="code">
          {codeSample(story, 'react')}
        </pre>
      </section>
      <CaptchaDevtools trail={diagnostics} className="panel" data-testid="panel" />
    </main>
  )
}
