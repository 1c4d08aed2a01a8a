'use client'
import { useEffect } from 'react'

/** Marks the page once React has hydrated it: the end-to-end test acts only then, as a visitor would see it work. */
export function HydrationMark() {
  useEffect(() => {
    document.body.dataset.hydrated = 'true'
  }, [])
  return null
}
