import { Controller, Get, Header } from '@nestjs/common';
import { adminOpenApiDocument } from './openapi.document';

@Controller('admin/v1')
export class OpenApiController {
  private readonly document = adminOpenApiDocument();

  @Get('openapi.json')
  @Header('cache-control', 'public, max-age=300')
  openApi(): Record<string, unknown> {
    return this.document;
  }
}
