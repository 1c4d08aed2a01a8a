import type { Trail } from '@captchala/devtools'
import type { SiteConfig } from './siteConfig'
import type { FormSpec, Story } from './stories'

/** What a form of a story is given, in both apps. */
export interface StoryFormProps {
  story: Story
  form: FormSpec
  config: SiteConfig
  diagnostics: Trail
  /** the visitor's language: the widget's, its failure state's and the result's words */
  lang: string
}
