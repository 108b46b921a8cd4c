// Four calls through the typescript-fetch client generated from ens-2017-11-10.yaml, printed one line
// each in the same format as JavaClientExample, so the build can compare both with the server.
// Usage: node dist/example.js http://127.0.0.1:8080   (the server in --auth anonymous mode)
import {
    Configuration,
    DescribeExportImageInfoResponse,
    EnsApi,
    ErrorResponseFromJSON,
    ResponseError,
} from './generated';

const ACTION = { action: 'DescribeExportImageInfo', version: '2017-11-10' };

function describe(label: string, page: DescribeExportImageInfoResponse): string {
    const images = page.images.image.map((image) => `${image.imageId}:${image.imageExportStatus}`).join(',');
    return `${label}: PageNumber=${page.pageNumber} PageSize=${page.pageSize} TotalCount=${page.totalCount} Images=${images}`;
}

async function main(endpoint: string): Promise<void> {
    const ens = new EnsApi(new Configuration({ basePath: endpoint.replace(/\/$/, '') }));

    const first = await ens.describeExportImageInfo({ ...ACTION });
    console.log(describe('default page', first));
    console.log(describe('page 2 of 5', await ens.describeExportImageInfo({ ...ACTION, pageSize: 5, pageNumber: 2 })));

    const name = first.images.image[0].imageName;
    console.log(describe(`ImageName=${name}`, await ens.describeExportImageInfo({ ...ACTION, imageName: name })));

    try {
        await ens.describeExportImageInfo({ ...ACTION, pageSize: 51 });
        console.log('PageSize 51: accepted');
    } catch (e) {
        if (!(e instanceof ResponseError)) {
            throw e;
        }
        const error = ErrorResponseFromJSON(await e.response.json());
        console.log(`PageSize 51: HTTP ${e.response.status} Code=${error.code}`);
    }
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
