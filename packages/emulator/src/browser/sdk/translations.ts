// The widget's words in the eight languages of CaptchaLa's native SDKs, each keyed by what it says, so a
// missing or misplaced phrase is a type error rather than a shifted list.

export interface Texts {
  prompt: string
  verifying: string
  verified: string
  title: string
  /** `{n}` is the asked position */
  slide: string
  position: string
  submit: string
  close: string
  refused: string
  retry: string
  failed: string
}

const TRANSLATIONS = {
  en: {
    prompt: 'Click to verify',
    verifying: 'Verifying…',
    verified: 'Verified',
    title: 'Security check',
    slide: 'Slide the handle to {n}%',
    position: 'Puzzle position',
    submit: 'Verify',
    close: 'Close',
    refused: 'Verification refused',
    retry: 'Not quite, try again',
    failed: 'Verification failed',
  },
  'zh-CN': {
    prompt: '点击进行验证',
    verifying: '验证中…',
    verified: '验证成功',
    title: '安全验证',
    slide: '将滑块拖到 {n}%',
    position: '拼图位置',
    submit: '验证',
    close: '关闭',
    refused: '验证被拒绝',
    retry: '不太对，请再试一次',
    failed: '验证失败',
  },
  'zh-TW': {
    prompt: '點擊進行驗證',
    verifying: '驗證中…',
    verified: '驗證成功',
    title: '安全驗證',
    slide: '將滑塊拖到 {n}%',
    position: '拼圖位置',
    submit: '驗證',
    close: '關閉',
    refused: '驗證被拒絕',
    retry: '不太對，請再試一次',
    failed: '驗證失敗',
  },
  ja: {
    prompt: 'クリックして認証',
    verifying: '認証中…',
    verified: '認証済み',
    title: 'セキュリティ確認',
    slide: 'ハンドルを {n}% まで動かしてください',
    position: 'パズルの位置',
    submit: '認証する',
    close: '閉じる',
    refused: '認証が拒否されました',
    retry: 'もう一度お試しください',
    failed: '認証に失敗しました',
  },
  ko: {
    prompt: '클릭하여 인증',
    verifying: '인증 중…',
    verified: '인증 완료',
    title: '보안 확인',
    slide: '핸들을 {n}%로 옮기세요',
    position: '퍼즐 위치',
    submit: '인증',
    close: '닫기',
    refused: '인증이 거부되었습니다',
    retry: '다시 시도하세요',
    failed: '인증 실패',
  },
  ms: {
    prompt: 'Klik untuk mengesahkan',
    verifying: 'Mengesahkan…',
    verified: 'Disahkan',
    title: 'Semakan keselamatan',
    slide: 'Gerakkan pemegang ke {n}%',
    position: 'Kedudukan teka-teki',
    submit: 'Sahkan',
    close: 'Tutup',
    refused: 'Pengesahan ditolak',
    retry: 'Belum tepat, cuba lagi',
    failed: 'Pengesahan gagal',
  },
  vi: {
    prompt: 'Nhấn để xác minh',
    verifying: 'Đang xác minh…',
    verified: 'Đã xác minh',
    title: 'Kiểm tra bảo mật',
    slide: 'Kéo tay cầm đến {n}%',
    position: 'Vị trí câu đố',
    submit: 'Xác minh',
    close: 'Đóng',
    refused: 'Xác minh bị từ chối',
    retry: 'Chưa đúng, hãy thử lại',
    failed: 'Xác minh thất bại',
  },
  id: {
    prompt: 'Klik untuk verifikasi',
    verifying: 'Memverifikasi…',
    verified: 'Terverifikasi',
    title: 'Pemeriksaan keamanan',
    slide: 'Geser pegangan ke {n}%',
    position: 'Posisi teka-teki',
    submit: 'Verifikasi',
    close: 'Tutup',
    refused: 'Verifikasi ditolak',
    retry: 'Belum tepat, coba lagi',
    failed: 'Verifikasi gagal',
  },
} as const satisfies Record<string, Texts>

export type Lang = keyof typeof TRANSLATIONS

const isLang = (tag: string): tag is Lang => Object.hasOwn(TRANSLATIONS, tag)

/** The language a `lang` option asks for (`auto` or none: the browser's), among those the widget speaks. */
export function resolveLang(lang: string | undefined): Lang {
  const wanted = !lang || lang === 'auto' ? navigator.language || 'en' : String(lang)
  if (isLang(wanted)) return wanted
  const lower = wanted.toLowerCase()
  if (lower.startsWith('zh')) return /tw|hk|mo|hant/.test(lower) ? 'zh-TW' : 'zh-CN'
  const base = lower.split('-')[0] ?? ''
  return isLang(base) ? base : 'en'
}

export const textsFor = (lang: string | undefined): Texts => TRANSLATIONS[resolveLang(lang)]
