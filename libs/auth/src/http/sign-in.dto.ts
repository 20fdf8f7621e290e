import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../credentials-policy';

export class SignInDto {
  @ApiProperty({ example: 'kim' })
  @IsString({ message: 'username must be a string' })
  @MinLength(1, { message: 'username is required' })
  @MaxLength(64, { message: 'username must be at most 64 characters' })
  username: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString({ message: 'password must be a string' })
  @MinLength(1, { message: 'password is required' })
  // Bytes beyond this are refused before hashing: a megabyte password must not cost a megabyte of argon2.
  @MaxLength(PASSWORD_MAX_LENGTH * 4, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password: string;
}
