import { isIP } from 'node:net'
import type { FastifyRequest } from 'fastify'

/**
 * The caller's address as the proxy settings decide it, if it is an address at all. A trusted proxy's
 * X-Forwarded-For may still carry anything (`unknown`, a hostname, garbage): then the socket's own address
 * is used, and the header never reaches CaptchaLa.
 */
export function clientAddress(request: FastifyRequest): {
  ip: string | undefined
  forwardedIgnored: boolean
} {
  if (isIP(request.ip)) return { ip: request.ip, forwardedIgnored: false }
  const socketAddress = request.socket.remoteAddress
  return { ip: socketAddress && isIP(socketAddress) ? socketAddress : undefined, forwardedIgnored: true }
}
