// From the package itself, not a relative path: the language registers in the one registry of the page's
// @captchala/core (ESM or CommonJS alike), not in a copy bundled into this entry.
import { registerLocale } from '@captchala/core'

registerLocale('zh-TW', {
  token: '此驗證已過期或已被使用，請重新驗證。',
  config: '此頁面暫時無法進行驗證，請稍後再試。',
  loading: '驗證無法載入。請檢查網路連線或內容封鎖工具，然後重試。',
  request: '驗證未能完成，請稍後再試。',
  upstream: '驗證服務暫無回應，請稍後再試。',
  visitor: '驗證未通過，請重試。',
  policy: '驗證暫時受限，請幾分鐘後再試。',
  expired: '驗證已過期，請重新驗證。',
  waiting: '驗證載入中…',
  retry: '重試',
})
