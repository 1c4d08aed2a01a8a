import type { FormSpec, Story } from './stories'

export type Framework = 'react' | 'vue'

// The options a story sets beyond the app key, written as the reader would write them.
function optionEntries(story: Story, form: FormSpec, framework: Framework): string[] {
  const entries = [`action: '${form.action}'`, `product: '${form.product}'`]
  if (form.refresh) entries.push(`refresh: '${form.refresh}'`)
  if (form.serverToken) entries.push(`serverToken: () => getServerToken('${form.action}')`)
  if (form.theme)
    entries.push(
      `theme: ${JSON.stringify(form.theme)
        .replace(/"(\w+)":/g, '$1: ')
        .replace(/"/g, "'")}`,
    )
  if (story.kind === 'languages') entries.push(framework === 'react' ? 'lang' : 'lang: lang.value')
  if (story.failingFirstHost)
    entries.push("loader: { src: ['https://cdn-a.example', 'https://cdn-b.example'] }")
  if (form.loadWhen) entries.push(`loader: { when: '${form.loadWhen}' }`)
  return entries
}

/** How the story's first form is written with the kit, generated from the very options the story uses. */
export function codeSample(story: Story, framework: Framework): string {
  const form = story.forms[0]!
  if (story.kind === 'native') {
    const appKey = framework === 'react' ? 'appKey={appKey}' : ':app-key="appKey"'
    return [
      `<form method="post" action="/api/${form.action}">`,
      '  <!-- your fields -->',
      `  <Captcha ${appKey} action="${form.action}" product="${form.product}" />`,
      '  <!-- renders <input type="hidden" name="captchala_token"> -->',
      `  <button>${form.submit}</button>`,
      '</form>',
    ].join('\n')
  }
  const entries = optionEntries(story, form, framework)
  const options = ['{', '  appKey,', ...entries.map((e) => `  ${e},`), '}'].join('\n')
  const send = `captcha.withToken((token) => post('/api/${form.action}', token))`
  const bind = form.product === 'bind'
  if (framework === 'react')
    return [
      `const captcha = useCaptcha(${options})`,
      'const send = (event: FormEvent) => {',
      '  event.preventDefault()',
      `  ${send}`,
      '}',
      '',
      '<form onSubmit={send}>',
      ...(bind
        ? [`  <button ref={captcha.elementRef}>${form.submit}</button>`]
        : ['  <div ref={captcha.elementRef} />', `  <button>${form.submit}</button>`]),
      '</form>',
    ].join('\n')
  // Reactive options go in as a getter, so a change reaches the widget.
  const getter = entries.some((e) => e.includes('.value')) ? `() => (${options})` : options
  return [
    '<script setup lang="ts">',
    `const captcha = useCaptcha(${getter})`,
    `const send = () => ${send}`,
    '</script>',
    '',
    '<template>',
    '  <form @submit.prevent="send">',
    ...(bind
      ? [`    <button :ref="captcha.elementRef">${form.submit}</button>`]
      : ['    <div :ref="captcha.elementRef" />', `    <button>${form.submit}</button>`]),
    '  </form>',
    '</template>',
  ].join('\n')
}
