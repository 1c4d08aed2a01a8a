export { captchaOptions, fetchServerToken } from './captchaOptions'
export { codeSample, type Framework } from './codeSample'
export { createDiagnostics, type DiagnosticRow, type Diagnostics, tokenClock } from './createDiagnostics'
export { outcomeData, outcomeMeta, returnedOutcome, returnPath } from './outcomeData'
export { outcomeOfError } from './outcomeOfError'
export { currentStory, reloadOnStoryChange, routeQuery } from './route'
export type { StoryFormProps } from './StoryFormProps'
export { sendForm } from './sendForm'
export { cspNonce, loadSiteConfig, type SiteConfig } from './siteConfig'
export {
  type FormAction,
  type FormSpec,
  LANGUAGES,
  STORIES,
  type Story,
  type Switches,
  storyById,
} from './stories'
export { type Outcome, submitForm } from './submitForm'
export { applySwitches } from './switches'
