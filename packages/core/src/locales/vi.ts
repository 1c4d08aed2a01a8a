// From the package itself, not a relative path: the language registers in the one registry of the page's
// @captchala/core (ESM or CommonJS alike), not in a copy bundled into this entry.
import { registerLocale } from '@captchala/core'

registerLocale('vi', {
  token: 'Xác minh này đã hết hạn hoặc đã được sử dụng. Vui lòng xác minh lại.',
  config: 'Hiện không thể xác minh trên trang này. Vui lòng thử lại sau.',
  loading: 'Không tải được phần xác minh. Hãy kiểm tra kết nối hoặc trình chặn nội dung rồi thử lại.',
  request: 'Không thể hoàn tất xác minh. Vui lòng thử lại sau giây lát.',
  upstream: 'Dịch vụ xác minh không phản hồi. Vui lòng thử lại sau giây lát.',
  visitor: 'Xác minh không thành công. Vui lòng thử lại.',
  policy: 'Việc xác minh hiện đang bị giới hạn. Vui lòng thử lại sau vài phút.',
  expired: 'Xác minh của bạn đã hết hạn. Vui lòng xác minh lại.',
  waiting: 'Đang tải xác minh…',
  retry: 'Thử lại',
})
