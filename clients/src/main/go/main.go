// Calls through the Go client generated from ens-2017-11-10.yaml, as it is: pages, a non-ASCII
// filter, an error, then the export flow (ExportImage, poll DescribeExportImageStatus, read the URL)
// and an unknown image, one line each in the format every program in clients/ prints.
// Usage: example <endpoint> [<AccessKeyId> <AccessKeySecret>]
// With a key the calls are signed (signer.go); without one the server must run --auth anonymous.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	ens "github.com/ensemu/ens-client-go"
)

const (
	image  = "m-dev0001"
	bucket = "client-exports"
	region = "cn-beijing"
	name   = "边缘节点镜像-é"
)

func describe(page *ens.DescribeExportImageInfoResponse) string {
	var images []string
	for _, image := range page.Images.Image {
		images = append(images, image.ImageId+":"+image.ImageExportStatus)
	}
	return fmt.Sprintf("PageNumber=%d PageSize=%d TotalCount=%d Images=%s", page.PageNumber, page.PageSize, page.TotalCount,
		strings.Join(images, ","))
}

// line is "label: <what the call gave>", or "label: HTTP <status> Code=<Code>" from the typed error.
func line(label string, call func() (string, *http.Response, error)) string {
	text, answer, err := call()
	if err == nil {
		return label + ": " + text
	}
	var apiErr *ens.GenericOpenAPIError
	if answer == nil || !errors.As(err, &apiErr) {
		fmt.Fprintln(os.Stderr, "example failed:", err)
		os.Exit(1)
	}
	model, ok := apiErr.Model().(ens.ErrorResponse)
	if !ok {
		fmt.Fprintln(os.Stderr, "not an ENS error envelope:", string(apiErr.Body()))
		os.Exit(1)
	}
	return fmt.Sprintf("%s: HTTP %d Code=%s", label, answer.StatusCode, model.Code)
}

func main() {
	if len(os.Args) != 2 && len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: example <endpoint> [<AccessKeyId> <AccessKeySecret>]")
		os.Exit(2)
	}
	configuration := ens.NewConfiguration()
	configuration.Servers = ens.ServerConfigurations{{URL: strings.TrimSuffix(os.Args[1], "/")}}
	if len(os.Args) == 4 {
		configuration.HTTPClient = &http.Client{Transport: &AcsSigner{AccessKeyID: os.Args[2], AccessKeySecret: os.Args[3]}}
	}
	client := ens.NewAPIClient(configuration)
	ctx := context.Background()
	listing := client.DescribeExportImageInfoAPI
	page := func(request ens.ApiDescribeExportImageInfoRequest) func() (string, *http.Response, error) {
		return func() (string, *http.Response, error) {
			answer, response, err := request.Execute()
			if err != nil {
				return "", response, err
			}
			return describe(answer), response, nil
		}
	}

	fmt.Println(line("default page", page(listing.DescribeExportImageInfo(ctx))))
	fmt.Println(line("page 2 of 5", page(listing.DescribeExportImageInfo(ctx).PageSize(5).PageNumber(2))))
	fmt.Println(line("ImageName="+name, page(listing.DescribeExportImageInfo(ctx).ImageName(name))))
	fmt.Println(line("PageSize 51", page(listing.DescribeExportImageInfo(ctx).PageSize(51))))
	// The flow an application runs: export, poll until the export ends, read the URL from the listing.
	fmt.Println(line("export "+image, func() (string, *http.Response, error) {
		started, response, err := client.ExportImageAPI.ExportImage(ctx).ImageId(image).OSSBucket(bucket).OSSRegionId(region).
			OSSPrefix("go/").Execute()
		if err != nil {
			return "", response, err
		}
		var now string
		for deadline := time.Now().Add(30 * time.Second); ; {
			time.Sleep(50 * time.Millisecond)
			status, response, err := client.DescribeExportImageStatusAPI.DescribeExportImageStatus(ctx).ImageId(image).Execute()
			if err != nil {
				return "", response, err
			}
			if now = status.ImageExportStatus; now != "Exporting" || time.Now().After(deadline) {
				break
			}
		}
		listed, response, err := listing.DescribeExportImageInfo(ctx).ImageId(image).Execute()
		if err != nil {
			return "", response, err
		}
		return now + " " + started.ExportedImageURL + " listed " + listed.Images.Image[0].ExportedImageURL, response, nil
	}))
	fmt.Println(line("export m-nothing", func() (string, *http.Response, error) {
		answer, response, err := client.ExportImageAPI.ExportImage(ctx).ImageId("m-nothing").OSSBucket(bucket).OSSRegionId(region).Execute()
		if err != nil {
			return "", response, err
		}
		return answer.ExportedImageURL, response, nil
	}))
}
