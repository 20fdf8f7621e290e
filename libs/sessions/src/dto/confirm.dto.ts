import { ApiProperty } from '@nestjs/swagger';
import { TextField } from '@vigil/platform';

/** The clinician's confirmation of a command a REMS safeguard questioned (issue 14): recorded with the command. */
export class ConfirmDto {
  @ApiProperty({ example: 'Cuff failed; manual BP 128/82 taken at 10:02 and charted on paper' })
  @TextField(500)
  reason: string;
}
