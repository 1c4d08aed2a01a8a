// From the package itself, not a relative path: the language registers in the one registry of the page's
// @captchala/core (ESM or CommonJS alike), not in a copy bundled into this entry.
import { registerLocale } from '@captchala/core'

registerLocale('ko', {
  token: '이 인증은 만료되었거나 이미 사용되었습니다. 다시 인증해 주세요.',
  config: '지금은 이 페이지에서 인증을 사용할 수 없습니다. 나중에 다시 시도해 주세요.',
  loading: '인증을 불러오지 못했습니다. 연결 상태나 콘텐츠 차단기를 확인한 뒤 다시 시도해 주세요.',
  request: '인증을 완료하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  upstream: '인증 서비스가 응답하지 않습니다. 잠시 후 다시 시도해 주세요.',
  visitor: '인증에 성공하지 못했습니다. 다시 시도해 주세요.',
  policy: '지금은 인증이 제한되어 있습니다. 몇 분 후 다시 시도해 주세요.',
  expired: '인증이 만료되었습니다. 다시 인증해 주세요.',
  waiting: '인증을 불러오는 중…',
  retry: '다시 시도',
})
