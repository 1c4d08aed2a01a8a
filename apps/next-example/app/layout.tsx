import type { ReactNode } from 'react'
import { HydrationMark } from './HydrationMark'
import './styles.css'

export const metadata = { title: 'CaptchaLa with Next.js' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {children}
        <HydrationMark />
      </body>
    </html>
  )
}
