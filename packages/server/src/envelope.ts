import { type Envelope, envelopeOf } from '@captchala/contract'

/** The envelope in a response, or `null` when the body is not one (not JSON, cut, empty, a proxy's page). */
export async function envelopeOfResponse(response: Response): Promise<Envelope | null> {
  try {
    return envelopeOf(await response.json())
  } catch {
    return null
  }
}
