// Calls through the typescript-fetch client generated from ens-2017-11-10.yaml, printed one line
// each in the same format as JavaClientExample, so the build can compare both with the server:
// pages, a filter, an error, then the export flow (ExportImage, poll DescribeExportImageStatus, read the URL).
// Usage: node dist/example.js http://127.0.0.1:8080   (the server in --auth anonymous mode)
import {
    Configuration,
    DescribeExportImageInfoApi,
    DescribeExportImageInfoResponse,
    DescribeExportImageStatusApi,
    ErrorResponseFromJSON,
    ExportImageApi,
    Middleware,
    ResponseError,
} from './generated';

const IMAGE = 'm-dev0001';
const BUCKET = 'client-exports';
const REGION = 'cn-beijing';
const PREFIX = 'typescript/';

// The document keys each operation /#Action=<Name>&Version=..., so the generated client puts Action,
// Version and its query in the URL fragment; this sends them as the query of /, as ENS expects.
export const rpcQuery: Middleware = {
    async pre({ url, init }) {
        const hash = url.indexOf('#');
        if (hash < 0 || !url.startsWith('Action=', hash + 1)) {
            return;
        }
        return { url: url.substring(0, hash) + '?' + url.substring(hash + 1).replace('?', '&'), init };
    },
};

function describe(label: string, page: DescribeExportImageInfoResponse): string {
    const images = page.images.image.map((image) => `${image.imageId}:${image.imageExportStatus}`).join(',');
    return `${label}: PageNumber=${page.pageNumber} PageSize=${page.pageSize} TotalCount=${page.totalCount} Images=${images}`;
}

async function errorLine(label: string, call: () => Promise<unknown>): Promise<string> {
    try {
        await call();
        return `${label}: accepted`;
    } catch (e) {
        if (!(e instanceof ResponseError)) {
            throw e;
        }
        const error = ErrorResponseFromJSON(await e.response.json());
        return `${label}: HTTP ${e.response.status} Code=${error.code}`;
    }
}

async function main(endpoint: string): Promise<void> {
    const configuration = new Configuration({ basePath: endpoint.replace(/\/$/, ''), middleware: [rpcQuery] });
    const ens = new DescribeExportImageInfoApi(configuration);

    const first = await ens.describeExportImageInfo({});
    console.log(describe('default page', first));
    console.log(describe('page 2 of 5', await ens.describeExportImageInfo({ pageSize: 5, pageNumber: 2 })));

    const name = first.images.image[0].imageName;
    console.log(describe(`ImageName=${name}`, await ens.describeExportImageInfo({ imageName: name })));
    console.log(await errorLine('PageSize 51', () => ens.describeExportImageInfo({ pageSize: 51 })));

    // The flow an application runs: export, poll until the export ends, read the URL from the listing.
    const exporter = new ExportImageApi(configuration);
    const status = new DescribeExportImageStatusApi(configuration);
    const started = await exporter.exportImage({ imageId: IMAGE, oSSBucket: BUCKET, oSSRegionId: REGION, oSSPrefix: PREFIX });
    const deadline = Date.now() + 30_000;
    let now;
    do {
        await new Promise((resolve) => setTimeout(resolve, 50));
        now = (await status.describeExportImageStatus({ imageId: IMAGE })).imageExportStatus;
    } while (now === 'Exporting' && Date.now() < deadline);
    const listed = (await ens.describeExportImageInfo({ imageId: IMAGE })).images.image[0].exportedImageURL;
    console.log(`export ${IMAGE}: ${now} ${started.exportedImageURL} listed ${listed}`);
    console.log(await errorLine('export m-nothing', () =>
        exporter.exportImage({ imageId: 'm-nothing', oSSBucket: BUCKET, oSSRegionId: REGION })));
}

const endpoint = process.argv[2];
if (!endpoint) {
    console.error('usage: node dist/example.js <endpoint>');
    process.exit(2);
}
main(endpoint).catch((e) => {
    const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
    console.error(`example failed: ${e instanceof Error ? e.message : String(e)}${cause}`);
    process.exit(1);
});
