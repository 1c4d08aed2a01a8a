// From the package itself, not a relative path: the language registers in the one registry of the page's
// @captchala/core (ESM or CommonJS alike), not in a copy bundled into this entry.
import { registerLocale } from '@captchala/core'

registerLocale('ja', {
  token: 'この認証は期限切れか、すでに使用されています。もう一度認証してください。',
  config: '現在このページでは認証を利用できません。しばらくしてからもう一度お試しください。',
  loading: '認証を読み込めませんでした。接続やコンテンツブロッカーを確認して、もう一度お試しください。',
  request: '認証を完了できませんでした。少し待ってからもう一度お試しください。',
  upstream: '認証サービスが応答していません。少し待ってからもう一度お試しください。',
  visitor: '認証に成功しませんでした。もう一度お試しください。',
  policy: '現在、認証が制限されています。数分後にもう一度お試しください。',
  expired: '認証の有効期限が切れました。もう一度認証してください。',
  waiting: '認証を読み込み中…',
  retry: 'もう一度試す',
})
