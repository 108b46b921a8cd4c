// Calls through the typescript-fetch client generated from ens-2017-11-10.yaml, as it is: pages, a
// non-ASCII filter, an error, then the export flow (ExportImage, poll DescribeExportImageStatus, read
// the URL) and an unknown image, one line each in the format every program in clients/ prints.
// Usage: node dist/example.js <endpoint> [<AccessKeyId> <AccessKeySecret>]
// With a key the calls are signed (signer.ts); without one the server must run --auth anonymous.
import {
    Configuration,
    DescribeExportImageInfoApi,
    DescribeExportImageInfoResponse,
    DescribeExportImageStatusApi,
    ErrorResponseFromJSON,
    ExportImageApi,
    ResponseError,
} from './generated';
import { acsSigner } from './signer';

const IMAGE = 'm-dev0001';
const BUCKET = 'client-exports';
const REGION = 'cn-beijing';
const NAME = '边缘节点镜像-é';

function describe(page: DescribeExportImageInfoResponse): string {
    const images = page.images.image.map((image) => `${image.imageId}:${image.imageExportStatus}`).join(',');
    return `PageNumber=${page.pageNumber} PageSize=${page.pageSize} TotalCount=${page.totalCount} Images=${images}`;
}

// label: <what the call gave>, or label: HTTP <status> Code=<Code> from the typed error.
async function line(label: string, call: () => Promise<string>): Promise<string> {
    try {
        return `${label}: ${await call()}`;
    } catch (e) {
        if (!(e instanceof ResponseError)) {
            throw e;
        }
        const error = ErrorResponseFromJSON(await e.response.json());
        return `${label}: HTTP ${e.response.status} Code=${error.code}`;
    }
}

async function main(endpoint: string, key?: [string, string]): Promise<void> {
    const configuration = new Configuration({ basePath: endpoint.replace(/\/$/, ''), middleware: key ? [acsSigner(...key)] : [] });
    const ens = new DescribeExportImageInfoApi(configuration);
    const exporter = new ExportImageApi(configuration);
    const status = new DescribeExportImageStatusApi(configuration);

    console.log(await line('default page', async () => describe(await ens.describeExportImageInfo({}))));
    console.log(await line('page 2 of 5', async () => describe(await ens.describeExportImageInfo({ pageSize: 5, pageNumber: 2 }))));
    console.log(await line(`ImageName=${NAME}`, async () => describe(await ens.describeExportImageInfo({ imageName: NAME }))));
    console.log(await line('PageSize 51', async () => describe(await ens.describeExportImageInfo({ pageSize: 51 }))));
    // The flow an application runs: export, poll until the export ends, read the URL from the listing.
    console.log(await line(`export ${IMAGE}`, async () => {
        const started = await exporter.exportImage({ imageId: IMAGE, oSSBucket: BUCKET, oSSRegionId: REGION, oSSPrefix: 'typescript/' });
        const deadline = Date.now() + 30_000;
        let now;
        do {
            await new Promise((resolve) => setTimeout(resolve, 50));
            now = (await status.describeExportImageStatus({ imageId: IMAGE })).imageExportStatus;
        } while (now === 'Exporting' && Date.now() < deadline);
        const listed = (await ens.describeExportImageInfo({ imageId: IMAGE })).images.image[0].exportedImageURL;
        return `${now} ${started.exportedImageURL} listed ${listed}`;
    }));
    console.log(await line('export m-nothing', async () =>
        (await exporter.exportImage({ imageId: 'm-nothing', oSSBucket: BUCKET, oSSRegionId: REGION })).exportedImageURL));
}

const [endpoint, keyId, keySecret] = process.argv.slice(2);
if (!endpoint || (keyId !== undefined && keySecret === undefined)) {
    console.error('usage: node dist/example.js <endpoint> [<AccessKeyId> <AccessKeySecret>]');
    process.exit(2);
}
main(endpoint, keyId ? [keyId, keySecret] : undefined).catch((e) => {
    const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
    console.error(`example failed: ${e instanceof Error ? e.message : String(e)}${cause}`);
    process.exit(1);
});
