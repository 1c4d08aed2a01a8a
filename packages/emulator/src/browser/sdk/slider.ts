import { el } from './dom'
import type { Texts } from './translations'

/** Arrow and page keys move the handle this many percent. */
const STEPS: Partial<Record<string, number>> = {
  ArrowRight: 1,
  ArrowUp: 1,
  ArrowLeft: -1,
  ArrowDown: -1,
  PageUp: 10,
  PageDown: -10,
}

/**
 * The medium tier's puzzle, drawn into `panel`: a slider the visitor moves to the asked position, by pointer
 * or keyboard. Resolves with the position given (right or wrong: the API judges it).
 */
export function slide(panel: HTMLElement, target: number, hint: string, texts: Texts): Promise<number> {
  return new Promise((resolve) => {
    const id = `captchala-hint-${Math.random().toString(36).slice(2)}`
    const instruction = el('p', 'captchala-instruction', { id })
    instruction.textContent = (hint ? `${hint}. ` : '') + texts.slide.replace('{n}', String(target))
    const track = el('div', 'captchala-track')
    const mark = el('div', 'captchala-target', { 'aria-hidden': 'true' })
    mark.style.left = `${target}%`
    const handle = el('div', 'captchala-handle', {
      role: 'slider',
      tabindex: '0',
      'aria-valuemin': '0',
      'aria-valuemax': '100',
      'aria-valuenow': '0',
      'aria-label': texts.position,
      'aria-describedby': id,
    })
    const submit = el('button', 'captchala-submit', { type: 'button' })
    submit.textContent = texts.submit
    let value = 0
    const set = (to: number) => {
      value = Math.max(0, Math.min(100, Math.round(to)))
      handle.style.left = `${value}%`
      handle.setAttribute('aria-valuenow', String(value))
      handle.setAttribute('aria-valuetext', `${value}%`)
    }
    const fromPointer = (event: PointerEvent) => {
      const box = track.getBoundingClientRect()
      set(((event.clientX - box.left) / box.width) * 100)
    }
    handle.addEventListener('pointerdown', (event) => {
      handle.setPointerCapture?.(event.pointerId)
      handle.onpointermove = fromPointer
    })
    handle.addEventListener('pointerup', () => {
      handle.onpointermove = null
      resolve(value)
    })
    handle.addEventListener('keydown', (event) => {
      const step = STEPS[event.key]
      if (step) set(value + step)
      else if (event.key === 'Home') set(0)
      else if (event.key === 'End') set(100)
      else if (event.key === 'Enter') resolve(value)
      else return
      event.preventDefault()
    })
    submit.addEventListener('click', () => resolve(value))
    track.append(mark, handle)
    panel.append(instruction, track, submit)
    set(0)
    handle.focus()
  })
}
