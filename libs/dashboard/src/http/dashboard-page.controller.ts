import { Controller, Get, Headers, Param, Res, ServiceUnavailableException, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from '@vigil/auth';
import { DashboardAssets } from './dashboard-assets';

/** The live dashboard page at `/`, its script and styles under /dashboard/. */
@ApiExcludeController()
@PublicRoute('the page, its script and styles: no patient data until the page signs in')
@Controller()
export class DashboardPageController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  index(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): void {
    this.serve('index.html', ifNoneMatch, reply);
  }

  @Get('dashboard/:name')
  file(@Param('name') name: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): void {
    this.serve(name, ifNoneMatch, reply);
  }

  @Get('dashboard/vendor/:name')
  vendor(@Param('name') name: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): void {
    this.serve(`vendor/${name}`, ifNoneMatch, reply);
  }

  private serve(name: string, ifNoneMatch: string | undefined, reply: FastifyReply): void {
    let asset;
    try {
      asset = this.assets.get(name);
    } catch (error) {
      throw new ServiceUnavailableException(`dashboard asset ${name} cannot be read (is the app built? run "npm run build"): ${(error as Error).message}`);
    }
    if (!asset) throw new NotFoundException(`no dashboard asset named ${name}`);
    void reply.header('content-type', asset.contentType).header('etag', asset.etag).header('cache-control', asset.cacheControl);
    if (ifNoneMatch === asset.etag) {
      void reply.status(304).send();
      return;
    }
    void reply.status(200).send(asset.body);
  }
}
