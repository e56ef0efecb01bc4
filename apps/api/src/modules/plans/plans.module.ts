import { Module } from '@nestjs/common';

/** Plans and their indicator catalogue (filled in by the domain-core work). */
@Module({})
export class PlansModule {}
