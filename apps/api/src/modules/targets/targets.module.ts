import { Module } from '@nestjs/common';

/** Targets and their decomposition (filled in by the domain-core work). */
@Module({})
export class TargetsModule {}
