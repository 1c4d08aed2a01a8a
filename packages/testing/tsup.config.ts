import { tsupConfig } from '../../scripts/tsupConfig'

export default tsupConfig()
