# ruff: noqa: E501  (sentences read better unbroken)
"""Original Vietnamese sentences from which the demo articles are composed.

Slots in braces are filled per article: {date} (a day shortly before the
article, "16/4"), {date_after}, {day}, {month}, {year}, {prev_year},
{quarter}, {ward}, {commune}, {season}, {harvest}, {n1} (tens), {n2}
(hundreds), {n3} (a few), {pct} (a high percentage).
"""

WARDS = [f"Phường {number}" for number in (1, 2, 3, 5, 7, 8)] + [
    "phường Tân Hòa",
    "phường An Lạc",
]
COMMUNES = ["xã Tân Phong", "xã An Thạnh", "xã Hòa Bình", "xã Long Điền"]

BYLINES = [
    "Kim Ngân",
    "Minh Khoa",
    "Thanh Tâm",
    "Hoàng Yến",
    "Quốc Bảo",
    "Ngọc Hân",
    "Trúc Linh",
    "Văn Phúc",
    "Phương Thảo",
    "Hữu Nghĩa",
]

# Each category: its name, menu order, description, a picture motif, where its
# demo articles fall (how many before and after the reference article) and
# who usually supplies its news.
CATEGORIES = [
    {
        "key": "leaders",
        "name": "Tin hoạt động của lãnh đạo",
        "description": "Hoạt động của lãnh đạo Thành ủy, HĐND và UBND thành phố.",
        "motif": "city",
        "before": 3,
        "after": 11,
        "sources": ["Văn phòng HĐND - UBND thành phố", "Văn phòng Thành ủy"],
    },
    {
        "key": "reform",
        "name": "Tin tức về cải cách Thủ tục hành chính",
        "description": "Cải cách hành chính, thủ tục hành chính, dịch vụ công trực tuyến.",
        "motif": "river",
        "before": 11,
        "after": 11,
        "sources": ["Phòng Nội vụ thành phố", "Trung tâm Hành chính công thành phố"],
    },
    {
        "key": "economy",
        "name": "Kinh tế - Xã hội",
        "description": "Tình hình kinh tế, nông nghiệp, đô thị, lao động và an sinh xã hội.",
        "motif": "field",
        "before": 3,
        "after": 12,
        "sources": ["Phòng Kinh tế thành phố", "Phòng Lao động - Thương binh và Xã hội"],
    },
    {
        "key": "culture",
        "name": "Văn hóa - Thể thao",
        "description": "Đời sống văn hóa, văn nghệ, thể dục thể thao của thành phố.",
        "motif": "festival",
        "before": 2,
        "after": 11,
        "sources": ["Trung tâm Văn hóa, Thể thao và Truyền thanh thành phố"],
    },
    {
        "key": "defence",
        "name": "Quốc phòng - An ninh",
        "description": "Quân sự địa phương, an ninh trật tự, an toàn giao thông.",
        "motif": "night",
        "before": 2,
        "after": 10,
        "sources": ["Công an thành phố", "Ban Chỉ huy Quân sự thành phố"],
    },
    {
        "key": "notices",
        "name": "Thông báo",
        "description": "Thông báo của UBND thành phố và các cơ quan chuyên môn.",
        "motif": "city",
        "before": 2,
        "after": 12,
        "sources": [],
    },
]

TOPICS = {
    "leaders": [
        {
            "title": "Chủ tịch UBND thành phố tiếp công dân định kỳ tháng {month}/{year}",
            "lead": "Sáng {date}, Chủ tịch UBND thành phố chủ trì buổi tiếp công dân định kỳ tại Trụ sở Tiếp công dân thành phố, lắng nghe và trả lời {n1} lượt ý kiến của người dân.",
            "paragraphs": [
                "Tham dự buổi tiếp có lãnh đạo Ủy ban Mặt trận Tổ quốc Việt Nam thành phố, Thanh tra thành phố, Phòng Tài nguyên và Môi trường cùng đại diện UBND các phường, xã có công dân đến phản ánh. Phần lớn ý kiến tập trung vào bồi thường, hỗ trợ khi thu hồi đất, cấp giấy chứng nhận quyền sử dụng đất và trật tự xây dựng trong khu dân cư.",
                "Sau khi nghe công dân trình bày và các cơ quan chuyên môn báo cáo, Chủ tịch UBND thành phố đã trả lời trực tiếp những nội dung thuộc thẩm quyền; với các trường hợp cần xác minh thêm, đồng chí giao cơ quan tham mưu kiểm tra thực địa, đối chiếu hồ sơ và báo cáo kết quả trong thời hạn 15 ngày làm việc.",
            ],
        },
        {
            "title": "Lãnh đạo thành phố kiểm tra tiến độ các công trình trọng điểm tại {ward}",
            "lead": "Ngày {date}, Phó Chủ tịch UBND thành phố dẫn đầu đoàn công tác kiểm tra tiến độ thi công một số công trình hạ tầng trọng điểm trên địa bàn {ward}.",
            "paragraphs": [
                "Đoàn đã đến khảo sát tuyến đường nội ô đang được nâng cấp, công trình kè chống sạt lở và điểm trường đang xây thêm phòng học. Theo báo cáo của Ban Quản lý dự án đầu tư xây dựng thành phố, khối lượng thi công đến nay đạt khoảng {pct}% kế hoạch; một số hạng mục chậm do vướng mặt bằng và mưa kéo dài.",
                "Phát biểu tại buổi kiểm tra, Phó Chủ tịch UBND thành phố đề nghị nhà thầu tăng cường nhân lực, máy móc, bố trí thi công hợp lý để không ảnh hưởng việc đi lại của người dân; đồng thời yêu cầu đơn vị tư vấn giám sát chặt chẽ chất lượng vật liệu, bảo đảm an toàn lao động và vệ sinh môi trường tại công trường.",
            ],
        },
        {
            "title": "Hội nghị đối thoại giữa Chủ tịch UBND thành phố với doanh nghiệp năm {year}",
            "lead": "Chiều {date}, UBND thành phố tổ chức hội nghị đối thoại với doanh nghiệp, hộ kinh doanh nhằm tháo gỡ khó khăn trong sản xuất, kinh doanh năm {year}.",
            "paragraphs": [
                "Tại hội nghị, {n1} doanh nghiệp và hộ kinh doanh đã nêu ý kiến về thủ tục đất đai, thuế, phòng cháy chữa cháy, tiếp cận vốn vay ưu đãi và mặt bằng sản xuất. Lãnh đạo các phòng, ban chuyên môn trả lời trực tiếp từng nội dung, ghi nhận những kiến nghị vượt thẩm quyền để tổng hợp báo cáo cấp trên.",
                "Kết luận hội nghị, Chủ tịch UBND thành phố khẳng định chính quyền luôn đồng hành với cộng đồng doanh nghiệp; yêu cầu các cơ quan rút ngắn thời gian giải quyết hồ sơ, công khai đầu mối tiếp nhận phản ánh và định kỳ báo cáo kết quả xử lý kiến nghị của doanh nghiệp.",
            ],
        },
        {
            "title": "Lãnh đạo thành phố thăm, tặng quà gia đình chính sách tại {ward}",
            "lead": "Ngày {date}, đoàn công tác do Bí thư Thành ủy dẫn đầu đã đến thăm hỏi, tặng quà các gia đình chính sách, người có công với cách mạng tại {ward}.",
            "paragraphs": [
                "Tại mỗi gia đình, đoàn ân cần hỏi thăm sức khỏe, đời sống, bày tỏ lòng biết ơn đối với những hy sinh, đóng góp của các thế hệ cha anh. Mỗi phần quà gồm tiền mặt và nhu yếu phẩm, thể hiện sự quan tâm của cấp ủy, chính quyền thành phố đối với người có công.",
                "Lãnh đạo thành phố đề nghị cấp ủy, chính quyền {ward} tiếp tục thực hiện đầy đủ, kịp thời các chế độ, chính sách; vận động các nguồn lực xã hội hỗ trợ sửa chữa nhà ở, chăm sóc sức khỏe cho những gia đình chính sách còn khó khăn.",
            ],
        },
        {
            "title": "UBND thành phố họp phiên thường kỳ tháng {month}/{year}",
            "lead": "Ngày {date}, UBND thành phố họp phiên thường kỳ đánh giá tình hình kinh tế - xã hội tháng {month} và bàn nhiệm vụ trọng tâm tháng tới.",
            "paragraphs": [
                "Theo báo cáo, trong tháng, các lĩnh vực kinh tế - xã hội của thành phố tiếp tục chuyển biến tích cực: thu ngân sách đạt khá, công tác chăm lo an sinh xã hội được thực hiện kịp thời, an ninh chính trị và trật tự an toàn xã hội được giữ vững. Tuy nhiên, tiến độ giải ngân vốn đầu tư công và bồi thường, giải phóng mặt bằng ở một số dự án còn chậm.",
                "Chủ tịch UBND thành phố yêu cầu thủ trưởng các cơ quan, đơn vị bám sát kế hoạch, xác định rõ người, rõ việc, rõ thời hạn; tập trung giải ngân vốn đầu tư công, tăng cường kiểm tra trật tự đô thị và nâng cao chất lượng giải quyết thủ tục hành chính cho người dân, doanh nghiệp.",
            ],
            "extra": "indicators",
        },
        {
            "title": "Bí thư Thành ủy làm việc với Đảng ủy {ward} về nhiệm vụ năm {year}",
            "lead": "Ngày {date}, Bí thư Thành ủy có buổi làm việc với Ban Thường vụ Đảng ủy {ward} về tình hình thực hiện nhiệm vụ chính trị năm {year}.",
            "paragraphs": [
                "Báo cáo tại buổi làm việc cho thấy {ward} đã hoàn thành và vượt nhiều chỉ tiêu quan trọng: tỷ lệ hộ nghèo tiếp tục giảm, công tác xây dựng Đảng được chú trọng, các phong trào thi đua ở khu dân cư được duy trì sôi nổi. Địa phương cũng kiến nghị thành phố quan tâm đầu tư nâng cấp một số tuyến hẻm và hệ thống thoát nước.",
                "Ghi nhận kết quả đạt được, Bí thư Thành ủy đề nghị Đảng ủy {ward} phát huy vai trò lãnh đạo toàn diện, gần dân, sát dân; chú trọng công tác dân vận, giải quyết dứt điểm các vụ việc phức tạp ngay từ cơ sở và chuẩn bị tốt nguồn cán bộ cho nhiệm kỳ tới.",
            ],
        },
    ],
    "reform": [
        {
            "title": "Thành phố tổng kết công tác cải cách hành chính năm {prev_year}",
            "lead": "Ngày {date}, UBND thành phố tổ chức hội nghị tổng kết công tác cải cách hành chính năm {prev_year} và triển khai nhiệm vụ năm {year}.",
            "paragraphs": [
                "Năm qua, thành phố đã ban hành đầy đủ các kế hoạch về cải cách thể chế, cải cách thủ tục hành chính, tổ chức bộ máy, chế độ công vụ, tài chính công và xây dựng chính quyền điện tử. Tỷ lệ hồ sơ được giải quyết đúng và trước hạn ở cấp thành phố đạt {pct}%, không có phản ánh về thái độ phục vụ của cán bộ, công chức.",
                "Hội nghị cũng chỉ ra một số hạn chế: việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính ở vài phường, xã còn chậm; tỷ lệ hồ sơ nộp trực tuyến ở một số lĩnh vực chưa cao; người cao tuổi còn lúng túng khi sử dụng dịch vụ công trực tuyến.",
            ],
            "extra": "procedures_table",
        },
        {
            "title": "{ward} nâng cao chất lượng hoạt động của bộ phận một cửa",
            "lead": "Thời gian qua, UBND {ward} đã có nhiều giải pháp đổi mới cách tiếp nhận và trả kết quả, giúp người dân giải quyết thủ tục nhanh chóng, thuận tiện hơn.",
            "paragraphs": [
                "Bộ phận tiếp nhận và trả kết quả của {ward} được bố trí ở tầng trệt, có bàn hướng dẫn, ghế chờ, máy lấy số thứ tự và máy tính tra cứu hồ sơ. Toàn bộ thủ tục hành chính thuộc thẩm quyền được niêm yết công khai, kèm mẫu đơn, tờ khai điền sẵn để người dân tham khảo.",
                "Công chức một cửa được phân công theo từng lĩnh vực, đeo thẻ và ghi sổ theo dõi; hồ sơ nào trễ hạn đều có thư xin lỗi gửi người dân. Nhờ đó, trong thời gian gần đây, {ward} tiếp nhận {n2} hồ sơ, tỷ lệ giải quyết đúng hạn đạt {pct}%.",
            ],
        },
        {
            "title": "Đẩy mạnh tiếp nhận hồ sơ thủ tục hành chính qua dịch vụ bưu chính công ích",
            "lead": "UBND thành phố vừa có văn bản đề nghị các cơ quan, đơn vị và UBND các phường, xã tăng cường tuyên truyền để người dân biết và sử dụng dịch vụ bưu chính công ích khi giải quyết thủ tục hành chính.",
            "paragraphs": [
                "Với dịch vụ này, người dân có thể gửi hồ sơ và nhận kết quả tại nhà mà không phải trực tiếp đến cơ quan hành chính. Cước phí được niêm yết công khai; nhân viên bưu điện có trách nhiệm kiểm tra thành phần hồ sơ, hướng dẫn bổ sung trước khi chuyển đến bộ phận một cửa.",
                "Thành phố giao Phòng Nội vụ phối hợp với Bưu điện thành phố rà soát danh mục thủ tục thực hiện được qua bưu chính công ích, niêm yết tại bộ phận một cửa các cấp và đăng tải trên Cổng thông tin điện tử để người dân dễ tra cứu.",
            ],
        },
        {
            "title": "Thanh niên {ward} hướng dẫn người dân nộp hồ sơ trực tuyến",
            "lead": "Nhằm tăng tỷ lệ hồ sơ thủ tục hành chính được nộp trực tuyến, Đoàn Thanh niên {ward} ra quân hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
            "paragraphs": [
                "Các đoàn viên được bố trí tại bộ phận một cửa và các tổ dân phố, trực tiếp hướng dẫn người dân tạo tài khoản, đăng nhập bằng tài khoản định danh điện tử, khai thông tin và thanh toán phí, lệ phí trực tuyến. Nhiều người cao tuổi lần đầu tự nộp được hồ sơ trên điện thoại.",
                "Sau đợt ra quân, đã có {n2} lượt người dân được hướng dẫn trực tiếp; các thủ tục được nộp trực tuyến nhiều nhất là đăng ký khai sinh, chứng thực bản sao và cấp phiếu lý lịch tư pháp.",
            ],
            "extra": "online_steps",
        },
        {
            "title": "Khảo sát mức độ hài lòng của người dân về dịch vụ hành chính công năm {year}",
            "lead": "UBND thành phố vừa công bố kết quả khảo sát mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước năm {year}.",
            "paragraphs": [
                "Cuộc khảo sát được thực hiện với {n2} phiếu hỏi tại bộ phận một cửa cấp thành phố và cấp xã, tập trung vào các tiêu chí: tiếp cận dịch vụ, thủ tục hành chính, công chức trực tiếp giải quyết công việc, kết quả giải quyết và việc tiếp nhận, xử lý phản ánh, kiến nghị.",
                "Kết quả cho thấy chỉ số hài lòng chung đạt {pct}%, tăng so với năm trước. Người dân đánh giá cao thái độ phục vụ và việc công khai thủ tục; tuy nhiên vẫn có ý kiến cho rằng một số hồ sơ đất đai phải bổ sung nhiều lần, thời gian chờ vào giờ cao điểm còn dài.",
            ],
            "extra": "procedures_table",
        },
        {
            "title": "Kiểm tra công tác cải cách hành chính {quarter} năm {year} tại {ward}",
            "lead": "Đoàn kiểm tra công tác cải cách hành chính của thành phố vừa làm việc với UBND {ward} về việc thực hiện nhiệm vụ cải cách hành chính, kỷ luật, kỷ cương công vụ {quarter} năm {year}.",
            "paragraphs": [
                "Đoàn đã kiểm tra việc niêm yết thủ tục hành chính, sổ theo dõi hồ sơ, việc cập nhật hồ sơ lên hệ thống thông tin giải quyết thủ tục hành chính và giờ giấc làm việc của cán bộ, công chức. Qua kiểm tra, {ward} cơ bản thực hiện đúng quy định, hồ sơ được lưu trữ khoa học.",
                "Đoàn đề nghị địa phương khắc phục một số tồn tại như cập nhật trạng thái hồ sơ chưa kịp thời, vài thủ tục niêm yết chưa đúng phiên bản mới nhất; đồng thời tăng cường số hóa kết quả giải quyết để người dân không phải nộp lại giấy tờ đã có.",
            ],
        },
        {
            "title": "Công khai đường dây nóng tiếp nhận phản ánh về thủ tục hành chính",
            "lead": "UBND thành phố công khai số điện thoại, địa chỉ thư điện tử tiếp nhận phản ánh, kiến nghị của người dân, doanh nghiệp về quy định và việc giải quyết thủ tục hành chính.",
            "paragraphs": [
                "Mọi phản ánh về việc cán bộ, công chức gây phiền hà, đòi thêm giấy tờ ngoài quy định hoặc để hồ sơ trễ hạn đều được tiếp nhận, phân loại và chuyển đến cơ quan có thẩm quyền xử lý. Kết quả xử lý được thông báo cho người phản ánh và đăng tải công khai.",
                "Người dân cũng có thể gửi phản ánh qua Cổng Dịch vụ công quốc gia hoặc trực tiếp tại bộ phận một cửa các cấp. Thành phố cam kết giữ bí mật thông tin người phản ánh và xử lý nghiêm mọi hành vi gây khó khăn cho người góp ý.",
            ],
            "extra": "online_steps",
        },
    ],
    "economy": [
        {
            "title": "Thu ngân sách {quarter} năm {year} trên địa bàn thành phố đạt khá",
            "lead": "Theo cơ quan thuế, tổng thu ngân sách nhà nước trên địa bàn thành phố trong {quarter} năm {year} ước đạt {pct}% so với cùng kỳ.",
            "paragraphs": [
                "Các khoản thu từ khu vực ngoài quốc doanh, lệ phí trước bạ và tiền sử dụng đất đều tăng. Ngành thuế đã đẩy mạnh hóa đơn điện tử, rà soát hộ kinh doanh, đôn đốc thu hồi nợ đọng và công khai danh sách người nộp thuế chây ỳ.",
                "Để hoàn thành dự toán cả năm, thành phố chỉ đạo các ngành tiếp tục hỗ trợ doanh nghiệp phục hồi sản xuất, khai thác nguồn thu mới từ thương mại điện tử, dịch vụ lưu trú và quản lý chặt các khoản thu liên quan đến đất đai.",
            ],
            "extra": "indicators",
        },
        {
            "title": "{ward} ra mắt mô hình chợ văn minh, an toàn thực phẩm",
            "lead": "Ngày {date}, UBND {ward} tổ chức ra mắt mô hình chợ văn minh thương mại, bảo đảm an toàn thực phẩm với sự tham gia của {n1} hộ tiểu thương.",
            "paragraphs": [
                "Theo mô hình, các sạp hàng được sắp xếp theo ngành hàng, niêm yết giá rõ ràng, cân đúng, cân đủ; rác thải được thu gom đúng giờ. Ban quản lý chợ bố trí điểm cân đối chứng và hòm thư góp ý để người mua phản ánh.",
                "Các hộ tiểu thương đã ký cam kết không kinh doanh hàng không rõ nguồn gốc, thực phẩm kém chất lượng; đồng thời được tập huấn kiến thức an toàn thực phẩm và hướng dẫn nhận thanh toán không dùng tiền mặt bằng mã QR.",
            ],
        },
        {
            "title": "Nông dân {commune} được mùa lúa {season} năm {year}",
            "lead": "Vụ lúa {season} năm {year}, nông dân {commune} thu hoạch với năng suất bình quân khoảng {harvest} tấn/ha, giá bán ổn định nên phần lớn các hộ đều có lãi.",
            "paragraphs": [
                "Ngay từ đầu vụ, ngành nông nghiệp đã hướng dẫn bà con xuống giống đồng loạt theo lịch thời vụ, sử dụng giống xác nhận và áp dụng quy trình “1 phải, 5 giảm”. Nhờ vậy, sâu bệnh được kiểm soát tốt, chi phí phân bón, thuốc bảo vệ thực vật giảm đáng kể.",
                "Nhiều hộ đã liên kết với doanh nghiệp bao tiêu sản phẩm, bán lúa ngay tại ruộng. Địa phương khuyến khích nông dân tiếp tục chuyển sang giống chất lượng cao, kết hợp mô hình lúa - tôm và trồng rau màu trên bờ ruộng để tăng thu nhập.",
            ],
        },
        {
            "title": "Phiên giao dịch việc làm năm {year} thu hút {n1} doanh nghiệp",
            "lead": "Ngày {date}, Trung tâm Dịch vụ việc làm phối hợp với UBND thành phố tổ chức phiên giao dịch việc làm, thu hút {n1} doanh nghiệp tham gia tuyển dụng.",
            "paragraphs": [
                "Các doanh nghiệp tuyển dụng ở nhiều lĩnh vực như chế biến thủy sản, may mặc, điện tử, bán lẻ và dịch vụ du lịch; nhiều vị trí không yêu cầu kinh nghiệm, được đào tạo tại chỗ. Người lao động còn được tư vấn học nghề, chính sách bảo hiểm thất nghiệp và đi làm việc ở nước ngoài theo hợp đồng.",
                "Kết thúc phiên giao dịch, {n2} lượt người đã được tư vấn, trong đó nhiều người được phỏng vấn và hẹn nhận việc ngay. Thành phố sẽ duy trì phiên giao dịch định kỳ mỗi quý để kết nối cung - cầu lao động.",
            ],
        },
        {
            "title": "Bàn giao nhà đại đoàn kết cho hộ nghèo tại {ward}",
            "lead": "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố vừa bàn giao {n3} căn nhà đại đoàn kết cho hộ nghèo, hộ cận nghèo khó khăn về nhà ở tại {ward}.",
            "paragraphs": [
                "Mỗi căn nhà có diện tích khoảng 40 m², khung bê tông, mái tôn, nền lát gạch, được xây dựng từ Quỹ Vì người nghèo thành phố, sự đóng góp của doanh nghiệp, nhà hảo tâm và ngày công của bà con lối xóm.",
                "Tại buổi bàn giao, đại diện các hộ gia đình xúc động cảm ơn sự quan tâm của chính quyền và cộng đồng. Địa phương sẽ tiếp tục hỗ trợ các hộ vay vốn ưu đãi, học nghề để sớm ổn định cuộc sống và thoát nghèo bền vững.",
            ],
        },
        {
            "title": "{ward} ra quân chỉnh trang đô thị, khơi thông cống rãnh năm {year}",
            "lead": "Sáng {date}, hàng trăm cán bộ, đoàn viên và người dân {ward} đã ra quân dọn vệ sinh, nạo vét cống rãnh, chỉnh trang các tuyến đường trong khu dân cư.",
            "paragraphs": [
                "Lực lượng ra quân tập trung thu gom rác thải, phát quang bụi rậm, tháo dỡ biển quảng cáo sai quy định và nạo vét những đoạn cống thường xuyên ngập úng. Nhiều hộ dân tự nguyện dời hàng rào, chậu cây lấn chiếm lòng lề đường.",
                "UBND {ward} cho biết sẽ duy trì ra quân vào sáng Chủ nhật cuối tháng, đồng thời phân công các tổ dân phố giám sát, nhắc nhở việc để rác đúng giờ, đúng nơi quy định.",
            ],
        },
    ],
    "culture": [
        {
            "title": "Khai mạc Giải bóng đá thiếu niên thành phố năm {year}",
            "lead": "Chiều {date}, tại Sân vận động thành phố, Trung tâm Văn hóa, Thể thao và Truyền thanh khai mạc giải bóng đá thiếu niên với {n3} đội bóng đến từ các phường, xã.",
            "paragraphs": [
                "Giải thi đấu vòng tròn tính điểm, chọn các đội nhất, nhì bảng vào vòng bán kết. Các trận đấu diễn ra vào cuối tuần, trọng tài đều có chứng chỉ do ngành thể thao cấp.",
                "Ban tổ chức cho biết, bên cạnh mục đích rèn luyện sức khỏe, giải còn là dịp phát hiện những cầu thủ nhỏ tuổi có năng khiếu để bồi dưỡng, tạo nguồn vận động viên cho thành phố trong những năm tới.",
            ],
        },
        {
            "title": "{ward} tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year}",
            "lead": "Ngày {date}, đông đảo người dân {ward} đã tham gia Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư với nhiều hoạt động văn hóa, thể thao sôi nổi.",
            "paragraphs": [
                "Chương trình gồm phần lễ ôn lại truyền thống Mặt trận Tổ quốc Việt Nam, biểu dương các gia đình văn hóa tiêu biểu và phần hội với kéo co, đập om, nhảy bao bố, văn nghệ do chính người dân trong khu phố dàn dựng.",
                "Dịp này, Ban Công tác Mặt trận khu dân cư trao {n3} phần quà cho hộ nghèo và học sinh vượt khó học giỏi; nhiều gia đình đăng ký tham gia tổ tự quản giữ gìn vệ sinh môi trường và an ninh trật tự.",
            ],
        },
        {
            "title": "Liên hoan Đờn ca tài tử thành phố năm {year}",
            "lead": "Liên hoan Đờn ca tài tử thành phố năm {year} vừa diễn ra với sự tham gia của {n3} câu lạc bộ và hơn {n1} nghệ nhân, diễn viên không chuyên.",
            "paragraphs": [
                "Các tiết mục được dàn dựng công phu, nội dung ca ngợi quê hương, tình yêu lao động và những đổi thay của thành phố. Nhiều nghệ nhân lớn tuổi vẫn say mê biểu diễn, còn các giọng ca trẻ thể hiện vững vàng các bài bản tổ.",
                "Ban tổ chức trao giải nhất, nhì, ba cho các câu lạc bộ xuất sắc cùng nhiều giải cá nhân. Liên hoan góp phần bảo tồn, phát huy giá trị di sản văn hóa phi vật thể Đờn ca tài tử Nam Bộ trong đời sống cộng đồng.",
            ],
        },
        {
            "title": "Thư viện thành phố ra mắt tủ sách thiếu nhi tại {ward}",
            "lead": "Nhằm lan tỏa văn hóa đọc trong cộng đồng, Thư viện thành phố vừa ra mắt tủ sách thiếu nhi với {n2} đầu sách tại nhà văn hóa {ward}.",
            "paragraphs": [
                "Tủ sách gồm truyện tranh, sách khoa học thường thức, kỹ năng sống và sách về lịch sử địa phương, được xếp theo lứa tuổi. Các em có thể đọc tại chỗ hoặc mượn về nhà miễn phí, chỉ cần đăng ký với cán bộ văn hóa.",
                "Thư viện sẽ luân chuyển sách mỗi quý và tổ chức buổi kể chuyện theo sách vào sáng thứ Bảy, giúp các em hình thành thói quen đọc, bớt thời gian dùng điện thoại.",
            ],
        },
        {
            "title": "Giải chạy “Vì sức khỏe cộng đồng” năm {year} thu hút đông người tham gia",
            "lead": "Sáng {date}, hơn {n2} vận động viên là học sinh, cán bộ, chiến sĩ lực lượng vũ trang và người dân đã tham gia giải chạy việt dã do thành phố tổ chức.",
            "paragraphs": [
                "Giải có các cự ly 3 km, 5 km và 10 km, xuất phát tại quảng trường trung tâm, chạy qua các tuyến đường chính. Lực lượng y tế, công an và đoàn viên thanh niên được bố trí dọc đường chạy để bảo đảm an toàn.",
                "Giải chạy là hoạt động hưởng ứng Cuộc vận động “Toàn dân rèn luyện thân thể theo gương Bác Hồ vĩ đại”, góp phần khơi dậy phong trào tập luyện thể dục, thể thao thường xuyên trong Nhân dân.",
            ],
        },
    ],
    "defence": [
        {
            "title": "Thành phố tổ chức lễ giao nhận quân năm {year}",
            "lead": "Sáng {date}, Hội đồng Nghĩa vụ quân sự thành phố tổ chức lễ giao nhận quân, tiễn {n2} thanh niên lên đường thực hiện nghĩa vụ quân sự và nghĩa vụ tham gia Công an nhân dân.",
            "paragraphs": [
                "Các tân binh năm nay đều có sức khỏe tốt, trình độ học vấn khá, nhiều thanh niên tình nguyện nhập ngũ. Trước ngày lễ, các phường, xã đã tổ chức gặp mặt, tặng quà và động viên gia đình có con em lên đường.",
                "Phát biểu tại buổi lễ, lãnh đạo thành phố mong các tân binh nhanh chóng thích nghi với môi trường quân ngũ, ra sức học tập, rèn luyện, giữ vững phẩm chất “Bộ đội Cụ Hồ”; đồng thời đề nghị các đơn vị nhận quân quan tâm, giúp đỡ chiến sĩ mới.",
            ],
        },
        {
            "title": "Công an {ward} ra mắt mô hình “Camera an ninh”",
            "lead": "Công an {ward} vừa phối hợp với Ban Công tác Mặt trận ra mắt mô hình “Camera an ninh” với {n1} camera lắp đặt tại các tuyến đường, hẻm trong khu dân cư.",
            "paragraphs": [
                "Kinh phí lắp đặt do người dân và doanh nghiệp trên địa bàn tự nguyện đóng góp. Hình ảnh từ camera được kết nối về trụ sở công an, giúp lực lượng chức năng kịp thời phát hiện, ngăn chặn các hành vi vi phạm pháp luật.",
                "Từ khi mô hình đi vào hoạt động, tình trạng trộm cắp tài sản trong khu vực giảm rõ rệt; nhiều vụ va chạm giao thông được xác minh nhanh chóng nhờ dữ liệu hình ảnh.",
            ],
        },
        {
            "title": "Diễn tập khu vực phòng thủ {ward} năm {year}",
            "lead": "Ngày {date}, {ward} tổ chức diễn tập chiến đấu phòng thủ, phòng chống thiên tai và tìm kiếm cứu nạn với sự tham gia của các lực lượng trên địa bàn.",
            "paragraphs": [
                "Cuộc diễn tập gồm hai bước: diễn tập chỉ huy - cơ quan trên bản đồ, sa bàn và diễn tập thực binh xử lý tình huống cháy nổ tại khu dân cư, sơ tán người dân khi có bão. Các lực lượng phối hợp nhịp nhàng, xử trí đúng quy trình.",
                "Qua diễn tập, cấp ủy, chính quyền địa phương nâng cao năng lực lãnh đạo, chỉ đạo, điều hành trong tình huống khẩn cấp; lực lượng dân quân được rèn luyện khả năng cơ động và hiệp đồng.",
            ],
        },
        {
            "title": "Cảnh giác với thủ đoạn lừa đảo qua điện thoại giả danh cơ quan chức năng",
            "lead": "Thời gian gần đây, trên địa bàn thành phố xuất hiện một số trường hợp đối tượng gọi điện giả danh công an, tòa án, nhân viên điện lực để yêu cầu người dân chuyển tiền.",
            "paragraphs": [
                "Các đối tượng thường thông báo người nghe có liên quan đến một vụ án, đang nợ cước hoặc cần cập nhật thông tin định danh điện tử, sau đó đề nghị cài ứng dụng lạ, đọc mã OTP hoặc chuyển tiền vào “tài khoản tạm giữ”.",
                "Công an thành phố khuyến cáo: cơ quan công an không làm việc qua điện thoại và không yêu cầu chuyển tiền vào tài khoản cá nhân. Khi nhận được cuộc gọi đáng ngờ, người dân cần bình tĩnh, không cung cấp thông tin cá nhân và báo ngay cho công an nơi gần nhất.",
            ],
            "extra": "fraud_advice",
        },
        {
            "title": "Bảo đảm trật tự an toàn giao thông {quarter} năm {year}",
            "lead": "Trong {quarter} năm {year}, lực lượng chức năng thành phố đã tổ chức {n2} lượt tuần tra, kiểm soát, phát hiện và xử lý nhiều trường hợp vi phạm trật tự an toàn giao thông.",
            "paragraphs": [
                "Các lỗi vi phạm chủ yếu là điều khiển xe khi trong máu hoặc hơi thở có nồng độ cồn, không đội mũ bảo hiểm, chạy quá tốc độ và đi không đúng phần đường. Lực lượng chức năng đặc biệt chú ý các khung giờ tối và khu vực gần trường học.",
                "Ban An toàn giao thông thành phố đề nghị các phường, xã tiếp tục tuyên truyền đến từng hộ gia đình, vận động người dân “đã uống rượu, bia thì không lái xe”, phụ huynh không giao xe cho con em chưa đủ tuổi điều khiển.",
            ],
            "extra": "traffic_table",
        },
    ],
    "notices": [
        {
            "title": "Thông báo lịch tiếp công dân của Chủ tịch UBND thành phố tháng {month}/{year}",
            "lead": "UBND thành phố thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND thành phố trong tháng {month}/{year}.",
            "paragraphs": [
                "Thời gian: sáng ngày {day}/{month}/{year}, từ 7 giờ 30 phút. Địa điểm: Trụ sở Tiếp công dân thành phố. Nếu có thay đổi, Ban Tiếp công dân sẽ thông báo trên Cổng thông tin điện tử và niêm yết tại trụ sở.",
                "Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh cần mang theo căn cước và các giấy tờ, tài liệu có liên quan; trường hợp ủy quyền phải có văn bản ủy quyền theo quy định của pháp luật.",
            ],
        },
        {
            "title": "Thông báo tuyển dụng viên chức giáo dục năm {year}",
            "lead": "UBND thành phố thông báo tuyển dụng {n1} chỉ tiêu viên chức giảng dạy tại các trường mầm non, tiểu học và trung học cơ sở công lập trực thuộc.",
            "paragraphs": [
                "Người dự tuyển phải có quốc tịch Việt Nam, đủ 18 tuổi trở lên, có phẩm chất chính trị, đạo đức tốt, đủ sức khỏe và có văn bằng đào tạo phù hợp với vị trí việc làm theo chuẩn trình độ đào tạo của nhà giáo.",
                "Hồ sơ nộp trực tiếp tại Phòng Nội vụ thành phố hoặc qua dịch vụ bưu chính trong giờ hành chính, kể từ ngày thông báo đến hết ngày thứ 30. Chỉ tiêu chi tiết được niêm yết tại trụ sở UBND thành phố và đăng trên Cổng thông tin điện tử.",
            ],
            "extra": "application_documents",
        },
        {
            "title": "Thông báo tạm ngừng cung cấp điện tại {ward} ngày {date_after}",
            "lead": "Điện lực thành phố thông báo tạm ngừng cung cấp điện để bảo trì, sửa chữa lưới điện tại một số khu vực thuộc {ward} vào ngày {date_after}.",
            "paragraphs": [
                "Thời gian dự kiến từ 7 giờ 00 đến 16 giờ 30; nếu công việc hoàn thành sớm, điện sẽ được đóng lại mà không báo trước. Khu vực bị ảnh hưởng gồm các tuyến đường, hẻm thuộc khóm {n3} và vùng lân cận.",
                "Điện lực thành phố mong khách hàng thông cảm và chủ động sắp xếp kế hoạch sản xuất, sinh hoạt. Thông tin chi tiết xin liên hệ tổng đài chăm sóc khách hàng của ngành điện.",
            ],
        },
        {
            "title": "Lấy ý kiến Nhân dân về đồ án quy hoạch chi tiết khu dân cư tại {ward}",
            "lead": "UBND thành phố thông báo lấy ý kiến cộng đồng dân cư, tổ chức, cá nhân có liên quan về đồ án quy hoạch chi tiết xây dựng tỷ lệ 1/500 khu dân cư tại {ward}.",
            "paragraphs": [
                "Hồ sơ đồ án được trưng bày tại trụ sở UBND {ward} và đăng trên Cổng thông tin điện tử thành phố trong 30 ngày. Người dân có thể góp ý vào phiếu lấy ý kiến, gửi văn bản hoặc thư điện tử về Phòng Quản lý đô thị thành phố.",
                "Các ý kiến đóng góp sẽ được tổng hợp, tiếp thu, giải trình đầy đủ trước khi trình cấp có thẩm quyền phê duyệt đồ án theo quy định.",
            ],
        },
        {
            "title": "Kết quả lựa chọn nhà thầu gói thầu xây dựng đường giao thông tại {commune}",
            "lead": "Ban Quản lý dự án đầu tư xây dựng thành phố thông báo kết quả lựa chọn nhà thầu gói thầu thi công tuyến đường giao thông nông thôn tại {commune}.",
            "paragraphs": [
                "Gói thầu được tổ chức đấu thầu rộng rãi qua mạng theo quy định của pháp luật về đấu thầu, thời gian thực hiện hợp đồng 180 ngày. Nhà thầu trúng thầu đáp ứng yêu cầu về năng lực, kinh nghiệm, kỹ thuật và có giá dự thầu sau giảm giá thấp nhất.",
                "Thông tin chi tiết về kết quả lựa chọn nhà thầu được đăng trên Hệ thống mạng đấu thầu quốc gia. Nhà thầu tham dự có quyền kiến nghị về kết quả lựa chọn nhà thầu theo quy định.",
            ],
        },
    ],
}

CLOSINGS = {
    "leaders": [
        "Cũng tại buổi làm việc, lãnh đạo thành phố đã giải đáp một số kiến nghị của địa phương và giao các phòng, ban chuyên môn phối hợp xử lý trong thời gian sớm nhất.",
        "Thành phố sẽ tiếp tục tổ chức các đợt kiểm tra định kỳ, kịp thời đôn đốc và tháo gỡ vướng mắc để hoàn thành các chỉ tiêu năm {year}.",
        "Kết luận của lãnh đạo thành phố sẽ được Văn phòng HĐND - UBND thành phố thông báo bằng văn bản đến các cơ quan, đơn vị có liên quan để thực hiện.",
    ],
    "reform": [
        "Thời gian tới, thành phố tiếp tục xác định cải cách thủ tục hành chính là khâu đột phá, lấy sự hài lòng của người dân, doanh nghiệp làm thước đo chất lượng phục vụ của bộ máy hành chính.",
        "Các cơ quan, đơn vị báo cáo kết quả thực hiện về Phòng Nội vụ trước ngày 20 của tháng cuối quý để tổng hợp, báo cáo UBND thành phố.",
        "Người dân cần hỗ trợ có thể liên hệ bộ phận một cửa nơi cư trú hoặc đường dây nóng của UBND thành phố trong giờ hành chính.",
    ],
    "economy": [
        "Thành phố phấn đấu hoàn thành các chỉ tiêu kinh tế - xã hội năm {year}, chú trọng tăng trưởng bền vững và nâng cao đời sống vật chất, tinh thần của Nhân dân.",
        "Ngành chức năng khuyến nghị người dân thường xuyên theo dõi Cổng thông tin điện tử thành phố để nắm bắt các chính sách hỗ trợ mới.",
        "Kết quả này góp phần thực hiện thắng lợi các mục tiêu mà Nghị quyết Đại hội Đảng bộ thành phố đã đề ra.",
    ],
    "culture": [
        "Thời gian tới, ngành văn hóa thành phố tiếp tục tổ chức nhiều hoạt động văn hóa, văn nghệ, thể dục thể thao phục vụ nhu cầu hưởng thụ của Nhân dân, nhất là vào dịp lễ, Tết.",
        "Các hoạt động được tổ chức tiết kiệm, an toàn, thu hút đông đảo người dân và du khách tham gia.",
    ],
    "defence": [
        "Lực lượng vũ trang thành phố tiếp tục phối hợp chặt chẽ, chủ động nắm tình hình, không để bị động, bất ngờ trong mọi tình huống.",
        "Người dân phát hiện hành vi vi phạm pháp luật có thể báo tin qua số điện thoại 113 hoặc đến trực tiếp trụ sở công an nơi gần nhất.",
    ],
    "notices": [
        "UBND thành phố thông báo để các tổ chức, cá nhân biết và thực hiện.",
        "Mọi thắc mắc xin liên hệ Văn phòng HĐND - UBND thành phố trong giờ hành chính.",
    ],
}

# The article of the source page, retold in words of our own.
REFERENCE = {
    "category": "reform",
    "title": "Triển khai Kế hoạch tuyên truyền công tác cải cách hành chính (CCHC) năm 2018",
    "slug": "trien-khai-ke-hoach-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-cchc-nam-2018",
    "byline": "Kim Ngân",
    "lead": "Ngày 16/4, UBND thành phố đã ban hành Kế hoạch số 50/KH-UBND, định hướng công tác thông tin, tuyên truyền về cải cách hành chính trên địa bàn thành phố trong năm 2018.",
    "body": (
        "<p>Kế hoạch đặt mục tiêu giúp cán bộ, công chức, viên chức và người dân hiểu đúng ý nghĩa của cải cách hành chính, từ đó chủ động tham gia và giám sát việc thực hiện. Thông qua tuyên truyền, người đứng đầu cấp ủy, chính quyền, cơ quan, đoàn thể các cấp phải thể hiện rõ trách nhiệm của mình trong việc hoàn thành Kế hoạch cải cách hành chính năm 2018 của thành phố.</p>"
        "<p>Về yêu cầu, việc tuyên truyền phải làm thường xuyên, có trọng tâm, bám sát các nghị quyết, chương trình của Chính phủ và văn bản chỉ đạo của tỉnh, thành phố về cải cách hành chính; thông tin đưa ra cần chính xác, dễ hiểu, phù hợp với từng nhóm đối tượng và tránh hình thức.</p>"
        "<p>Nội dung tuyên truyền tập trung vào các nhóm vấn đề sau:</p>"
        "<ul>"
        "<li>Văn bản chỉ đạo của Trung ương, tỉnh và thành phố về cải cách hành chính; những chủ trương, chính sách liên quan trực tiếp đến người dân, doanh nghiệp.</li>"
        "<li>Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của cấp thành phố và cấp xã đã được công bố, chuẩn hóa.</li>"
        "<li>Việc nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích; cơ chế một cửa, một cửa liên thông và ứng dụng công nghệ thông tin trong giải quyết công việc.</li>"
        "<li>Cách làm hay, mô hình hiệu quả, tập thể và cá nhân tiêu biểu trong cải cách hành chính.</li>"
        "<li>Số điện thoại đường dây nóng, địa chỉ tiếp nhận phản ánh, kiến nghị và cách tra cứu thủ tục hành chính trên Internet.</li>"
        "</ul>"
        "<p>Về hình thức, các cơ quan, đơn vị niêm yết công khai quy trình giải quyết thủ tục hành chính tại nơi làm việc và đưa kịp thời những thủ tục mới ban hành, sửa đổi hoặc bãi bỏ lên Cổng thông tin điện tử thành phố. Đài Truyền thanh thành phố và hệ thống truyền thanh cơ sở dành thời lượng phát tin, bài, phóng sự về cải cách hành chính; băng-rôn, pa-nô, tờ gấp với thông điệp ngắn gọn, hình ảnh trực quan được bố trí ở những nơi đông người qua lại.</p>"
        "<p>Để kế hoạch được thực hiện đồng bộ, UBND thành phố phân công nhiệm vụ cụ thể cho từng cơ quan, đơn vị. Phòng Văn hóa và Thông tin là đầu mối triển khai, theo dõi, đôn đốc và hỗ trợ các đơn vị; phối hợp với Phòng Nội vụ hướng dẫn các phòng, ban chuyên môn, Trung tâm Hành chính công và UBND các phường, xã tuyên truyền theo từng lĩnh vực, đồng thời làm việc với các cơ quan báo chí trên địa bàn để đưa tin. Khó khăn, vướng mắc phát sinh trong quá trình thực hiện được báo cáo kịp thời để UBND thành phố xem xét, giải quyết.</p>"
    ),
}
